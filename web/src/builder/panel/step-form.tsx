import { Alert, Stack, TextInput } from '@mantine/core';
import type { StepDefinitionJson, TriggerDefinitionJson } from '@switchyard/server/contracts';
import type { CatalogEntry } from '../catalog/step-catalog';
import { AdvancedSection } from '../../app/advanced-section';
import { fieldForProblem, readField, validateForm, writeField, type FormField } from '../forms/form-field';
import type { LocatedProblem } from '../graph/problem-locations';
import { ConnectionPicker } from './connection-picker';
import { DynamicFieldsSection } from './dynamic-fields-section';
import { FieldControl } from './field-control';
import { PathsEditor } from './paths-editor';

interface StepFormProps {
  /** The step or trigger being edited. */
  item: StepDefinitionJson | TriggerDefinitionJson;
  entry: CatalogEntry | undefined;
  problems: LocatedProblem[];
  onChange: (change: Partial<StepDefinitionJson>) => void;
}

/** The generated form: name, connection, each input field with its own and the server's messages. */
export function StepForm({ item, entry, problems, onChange }: StepFormProps) {
  const isStep = 'id' in item;
  const input = item.input ?? {};
  const fields = entry?.fields ?? [];
  const local = validateForm(fields, input);
  const server = new Map<string, string>();
  const unplaced: LocatedProblem[] = [];
  for (const problem of problems) {
    // A problem naming no static field of an action with dynamic fields belongs to one of those.
    const key = problem.field === 'connection' || problem.field === 'paths' ? problem.field : fieldForProblem(fields, problem.field) ?? (entry?.dynamicFields ? problem.field : undefined);
    if (key === undefined || server.has(key)) {
      if (key === undefined) unplaced.push(problem);
      continue;
    }
    server.set(key, problem.message);
  }
  const messageFor = (key: string) => server.get(key) ?? local[key];
  const shown = fields.filter((field) => field.kind !== 'paths');
  const advanced = shown.filter((field) => field.advanced);
  const control = (field: FormField) => (
    <FieldControl
      key={field.key || '(input)'}
      field={field}
      value={readField(input, field.key)}
      error={messageFor(field.key)}
      use={item.use}
      connection={item.connection}
      input={input}
      onChange={(value) => onChange({ input: writeField(input, field.key, value) })}
    />
  );

  return (
    <Stack gap="md">
      {!entry && (
        <Alert color="yellow" title="Unknown step">
          {item.use} is not installed; its input is kept as it is.
        </Alert>
      )}
      {unplaced.map((problem) => (
        <Alert key={problem.path} color="red" title="Problem">
          {problem.message}
        </Alert>
      ))}
      {isStep && (
        <TextInput
          label="Name"
          description={`Shown on the canvas; templates name this step as steps.${item.id}`}
          placeholder={entry?.title}
          value={item.name ?? ''}
          onChange={(event) => onChange({ name: event.currentTarget.value || undefined })}
        />
      )}
      {entry?.needsConnection && entry.packId && (
        <ConnectionPicker
          packId={entry.packId}
          {...entry.connectionField}
          value={item.connection}
          error={server.get('connection')}
          onChange={(connection) => onChange({ connection })}
        />
      )}
      {isStep && item.use === 'core/paths' && (
        <PathsEditor paths={item.paths ?? []} mode={item.mode ?? 'first'} error={server.get('paths')} onChange={(change) => onChange(change)} />
      )}
      {shown.filter((field) => !field.advanced).map(control)}
      {isStep && entry?.dynamicFields && (
        <DynamicFieldsSection
          use={item.use}
          connection={item.connection}
          needsConnection={entry.needsConnection}
          input={input}
          staticFields={fields}
          dependsOn={entry.dynamicFields.dependsOn}
          serverMessage={(key) => server.get(key)}
          onChange={(next) => onChange({ input: next })}
        />
      )}
      {advanced.length > 0 && <AdvancedSection forceOpen={advanced.some((field) => messageFor(field.key) !== undefined)}>{advanced.map(control)}</AdvancedSection>}
    </Stack>
  );
}
