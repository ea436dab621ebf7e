import type { FieldInput } from '../../manifest/field-schema.js';

export const baseField: FieldInput = {
  key: 'base_id',
  label: 'Base',
  type: 'select',
  required: true,
  dynamicChoices: { request: { method: 'GET', path: '/meta/bases' }, items: 'bases', label: '{{item.name}}', value: '{{item.id}}' },
  description: 'A base the token may use (app…). With a personal access token, add the base to the token’s access list.',
};

export const tableField: FieldInput = {
  key: 'table',
  label: 'Table',
  type: 'select',
  required: true,
  dynamicChoices: {
    request: { method: 'GET', path: '/meta/bases/{{input.base_id}}/tables' },
    items: 'tables',
    label: '{{item.name}}',
    value: '{{item.id}}',
    dependsOn: ['base_id'],
  },
  description: 'A table of the base (its ID tbl…, or its name).',
};

export const typecastField: FieldInput = {
  key: 'typecast',
  label: 'Convert values',
  type: 'boolean',
  description: 'Let Airtable convert text to the field’s type (a new select option, a linked record by name).',
};

/** Records as Airtable takes them, a list; sent 10 per request (Airtable's limit), however many there are. */
export const recordsField = (description: string, placeholder: string): FieldInput => ({
  key: 'records',
  label: 'Records (JSON list)',
  type: 'json',
  required: true,
  placeholder,
  description: `${description} Any number: Switchyard sends them 10 at a time; a retry resends only the batches that failed.`,
});

/** A value as an Airtable formula string: in single quotes, with \\, ' and line breaks escaped. */
export const formulaString = (path: string) => `'{{${path} | replace: "\\\\", "\\\\\\\\" | replace: "'", "\\\\'" | replace: "\\n", "\\\\n"}}'`;
