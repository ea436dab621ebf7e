import { Badge, Checkbox, Group, JsonInput, MultiSelect, NumberInput, PasswordInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { AdvancedSection } from '../../app/advanced-section';
import type { ManifestField } from '../packs/pack-manifest';
import { isSecretSet, placeholderOf, type FormValue, type FormValues, type StoredConnection } from './connection-form-values';

interface Props {
  fields: ManifestField[];
  values: FormValues;
  onChange: (key: string, value: FormValue) => void;
  /** Messages by field key (from the form's own checks or the server's `/fields/<key>` problems). */
  errors: Record<string, string>;
  /** When editing: which secrets already hold a value. */
  stored?: StoredConnection;
}

const inputTypes: Record<string, string> = { email: 'email', url: 'url', date: 'date', datetime: 'datetime-local' };

function FieldInput({ field, value, onChange, error, secretSet, placeholder }: {
  field: ManifestField;
  value: FormValue;
  onChange: (value: FormValue) => void;
  error: string | undefined;
  secretSet: boolean;
  placeholder: string | undefined;
}) {
  const label: ReactNode = secretSet ? (
    <Group gap={6} component="span" display="inline-flex">
      {field.label}
      <Badge size="xs" variant="light" color="green">set</Badge>
    </Group>
  ) : field.label;
  const common = {
    label,
    description: field.description,
    error,
    // A stored secret may stay as it is, so it is not required again.
    required: field.required && !secretSet,
    placeholder,
  };
  const textValue = typeof value === 'string' ? value : '';
  const choices = field.choices.map((choice) => ({ value: String(choice.value), label: choice.label }));
  if (field.secret) {
    return (
      <PasswordInput
        {...common}
        placeholder={secretSet ? 'Stored — type a new value to replace it' : field.placeholder}
        autoComplete="new-password"
        value={textValue}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  switch (field.type) {
    case 'boolean':
      return <Checkbox label={field.label} description={field.description} error={error} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} />;
    case 'number':
    case 'integer':
      return <NumberInput {...common} allowDecimal={field.type === 'number'} value={textValue} onChange={(next) => onChange(String(next))} />;
    case 'select':
      return <Select {...common} data={choices} clearable searchable value={textValue || null} onChange={(next) => onChange(next ?? '')} />;
    case 'multiselect':
      return <MultiSelect {...common} data={choices} searchable value={Array.isArray(value) ? value : []} onChange={onChange} />;
    case 'json':
      return <JsonInput {...common} autosize minRows={3} validationError="Not valid JSON" value={textValue} onChange={onChange} />;
    case 'text':
      return <Textarea {...common} autosize minRows={2} value={textValue} onChange={(event) => onChange(event.currentTarget.value)} />;
    default:
      return <TextInput {...common} type={inputTypes[field.type] ?? 'text'} value={textValue} onChange={(event) => onChange(event.currentTarget.value)} />;
  }
}

/** A form generated from a pack's connection fields; secrets are password inputs and are never shown. */
export function ConnectionFields({ fields, values, onChange, errors, stored }: Props) {
  const input = (field: ManifestField) => (
    <FieldInput
      key={field.key}
      field={field}
      value={values[field.key] ?? ''}
      onChange={(value) => onChange(field.key, value)}
      error={errors[field.key]}
      secretSet={field.secret && isSecretSet(stored, field.key)}
      placeholder={placeholderOf(field, values)}
    />
  );
  const advanced = fields.filter((field) => field.advanced);
  return (
    <Stack gap="sm">
      {fields.filter((field) => !field.advanced).map(input)}
      {advanced.length > 0 && <AdvancedSection forceOpen={advanced.some((field) => errors[field.key] !== undefined)}>{advanced.map(input)}</AdvancedSection>}
    </Stack>
  );
}
