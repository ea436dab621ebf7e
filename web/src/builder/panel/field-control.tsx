import { Checkbox, Loader, MultiSelect, NumberInput, Select, Textarea } from '@mantine/core';
import { useDynamicChoices } from '../builder-api';
import type { Choice, FormField } from '../forms/form-field';
import { hasPill } from '../pills/template-segments';
import { AttachmentsEditor } from './attachments-editor';
import { ConditionsEditor } from './conditions-editor';
import { HttpBodyEditor } from './http-body-editor';
import { JsonEditor } from './json-editor';
import { KeyValueEditor } from './key-value-editor';
import { TemplateInput } from './template-input';

export interface FieldControlProps {
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
  error: string | undefined;
  /** For dynamic choices: the step's `use`, connection, and whole input (the values a field depends on). */
  use: string;
  connection: string | undefined;
  input: Record<string, unknown>;
}

const asText = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
const key = (value: Choice['value']) => String(value);

/** One generated control; any text-like value may hold pills, so numbers and dates also accept templates. */
export function FieldControl({ field, value, onChange, error, use, connection, input }: FieldControlProps) {
  const common = { label: field.label, description: field.description, error, required: field.required };
  const dependsOn = Object.fromEntries((field.dynamic?.dependsOn ?? []).map((name) => [name, input[name]]));
  const dynamic = useDynamicChoices(use, field.key, connection, dependsOn, field.dynamic !== undefined);
  const choices: Choice[] = [...(field.choices ?? []), ...(dynamic.data ?? [])];
  const options = [...new Map(choices.map((choice) => [key(choice.value), { value: key(choice.value), label: choice.label }])).values()];
  const fromKey = (text: string | null) => choices.find((choice) => key(choice.value) === text)?.value;
  const dynamicError = dynamic.error ? `Could not load the choices: ${dynamic.error.message}` : undefined;

  switch (field.kind) {
    case 'boolean':
      return <Checkbox label={field.label} description={field.description} error={error} checked={value === undefined ? field.default === true : value === true} onChange={(event) => onChange(event.currentTarget.checked)} />;
    case 'number':
    case 'integer':
      if (typeof value === 'string' && hasPill(value)) return <TemplateInput {...common} value={value} onChange={(text) => onChange(text === '' ? undefined : text)} />;
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          allowDecimal={field.kind === 'number'}
          placeholder={field.default === undefined ? field.placeholder : `${String(field.default)} by default`}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          error={error ?? dynamicError}
          data={options}
          value={value === undefined ? null : asText(value)}
          searchable
          clearable={!field.required}
          placeholder={field.default === undefined ? 'Choose…' : `${String(field.default)} by default`}
          rightSection={dynamic.isFetching ? <Loader size="xs" /> : undefined}
          onChange={(next) => onChange(next === null ? undefined : fromKey(next) ?? next)}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          error={error ?? dynamicError}
          data={options}
          value={Array.isArray(value) ? value.map((item) => asText(item)) : []}
          searchable
          onChange={(next) => onChange(next.length === 0 ? undefined : next.map((text) => fromKey(text) ?? text))}
        />
      );
    case 'json':
      return <JsonEditor {...common} value={value} onChange={onChange} />;
    case 'keyValue':
      return <KeyValueEditor label={field.label} value={value} error={error} onChange={onChange} />;
    case 'conditions':
      return <ConditionsEditor label={field.label} value={value} error={error} onChange={onChange} />;
    case 'attachments':
      return <AttachmentsEditor label={field.label} description={field.description} value={value} error={error} onChange={onChange} />;
    case 'httpBody':
      return <HttpBodyEditor label={field.label} input={input} error={error} onChange={onChange} />;
    case 'code':
      return (
        <Textarea
          {...common}
          value={asText(value)}
          autosize
          minRows={6}
          maxRows={24}
          placeholder={field.placeholder}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onChange={(event) => onChange(event.currentTarget.value || undefined)}
        />
      );
    case 'paths':
      // Paths live on the step, not in its input; the step panel draws them with PathsEditor.
      return null;
    default: {
      const placeholder = field.placeholder ?? (field.kind === 'date' ? 'yyyy-mm-dd' : field.kind === 'datetime' ? '2030-01-01T09:00:00Z' : undefined);
      return <TemplateInput {...common} placeholder={placeholder} multiline={field.kind === 'textarea'} value={asText(value)} onChange={(text) => onChange(text === '' ? undefined : text)} />;
    }
  }
}
