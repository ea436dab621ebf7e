import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useDynamicFields } from '../builder-api';
import { readField, validateForm, writeField, type FormField } from '../forms/form-field';
import { hasPill } from '../pills/template-segments';
import { FieldControl } from './field-control';

interface DynamicFieldsSectionProps {
  use: string;
  connection: string | undefined;
  needsConnection: boolean;
  input: Record<string, unknown>;
  /** The action's own fields: every other input key is a dynamic field's value. */
  staticFields: FormField[];
  dependsOn: string[];
  /** The server's message for a field, if any. */
  serverMessage: (key: string) => string | undefined;
  onChange: (input: Record<string, unknown>) => void;
}

/**
 * The fields an action fetches from the vendor (a Salesforce object's fields), under the static ones: asked
 * for once the inputs they depend on hold values (again when those change), shown with the same controls,
 * pills included. Values of fields the vendor no longer lists (another object was chosen) can be removed.
 */
export function DynamicFieldsSection({ use, connection, needsConnection, input, staticFields, dependsOn, serverMessage, onChange }: DynamicFieldsSectionProps) {
  const values = Object.fromEntries(dependsOn.map((key) => [key, input[key]]));
  const missing = dependsOn.filter((key) => values[key] === undefined || values[key] === null || values[key] === '');
  const templated = dependsOn.filter((key) => typeof values[key] === 'string' && hasPill(values[key]));
  const ready = missing.length === 0 && templated.length === 0 && (connection !== undefined || !needsConnection);
  const fetched = useDynamicFields(use, connection, values, ready);
  const labelOf = (key: string) => staticFields.find((field) => field.key === key)?.label ?? key;

  if (!ready) {
    const why = connection === undefined && needsConnection ? 'Choose a connection' : templated.length > 0 ? `${templated.map(labelOf).join(', ')} holds a value from an earlier step; its fields are known only when the step runs` : `Choose ${missing.map(labelOf).join(', ')}`;
    return <Text size="sm" c="dimmed" data-testid="dynamic-fields-hint">{templated.length > 0 ? `${why}.` : `${why} to see more fields.`}</Text>;
  }
  if (fetched.isPending) {
    return (
      <Group gap="xs" data-testid="dynamic-fields-loading">
        <Loader size="xs" />
        <Text size="sm">Loading the fields…</Text>
      </Group>
    );
  }
  if (fetched.isError) {
    return (
      <Alert color="red" title="Could not load the fields">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{fetched.error.message}</Text>
          <Button size="xs" variant="light" onClick={() => void fetched.refetch()}>Try again</Button>
        </Stack>
      </Alert>
    );
  }
  const fields = fetched.data;
  const local = validateForm(fields, input);
  const known = new Set([...staticFields.map((field) => field.key), ...fields.map((field) => field.key)]);
  const stale = Object.keys(input).filter((key) => !known.has(key));
  return (
    <Stack gap="md" data-testid="dynamic-fields">
      {fields.length === 0 && <Text size="sm" c="dimmed">No further fields for this choice.</Text>}
      {fields.map((field) => (
        <FieldControl
          key={field.key}
          field={field}
          value={readField(input, field.key)}
          error={serverMessage(field.key) ?? local[field.key]}
          use={use}
          connection={connection}
          input={input}
          onChange={(value) => onChange(writeField(input, field.key, value))}
        />
      ))}
      {stale.length > 0 && (
        <Alert color="yellow" title="Values for fields this choice does not have">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{stale.join(', ')}: the step would be refused when it runs.</Text>
            <Button size="xs" variant="light" onClick={() => onChange(Object.fromEntries(Object.entries(input).filter(([key]) => !stale.includes(key))))}>
              Remove them
            </Button>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
