import { dynamicFieldsSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { dynamicFieldsFromItems } from './dynamic-fields-from-items.js';

// Notion-like properties: the kind decides where the options are, and some kinds are read-only.
const properties = [
  { name: 'Name', type: 'title' },
  { name: 'Stage', type: 'select', select: { options: [{ name: 'Lead' }, { name: 'Won' }] } },
  { name: 'Status', type: 'status', status: { options: [{ name: 'To do' }, { name: 'Done' }] } },
  { name: 'Score', type: 'formula' },
  { name: 'Count', type: 'number' },
];

const spec = dynamicFieldsSchema.parse({
  request: { path: '/sources/{{input.source}}' },
  items: 'properties',
  when: { type: ['title', 'select', 'status', 'number'] },
  key: '{{item.name}}',
  label: '{{item.name}}',
  type: '{{item.type}}',
  types: { title: 'string', select: 'select', status: 'select', number: 'number' },
  required: { type: ['title'] },
  choices: { items: ['select.options', 'status.options'], label: '{{choice.name}}', value: '{{choice.name}}' },
  dependsOn: ['source'],
});

describe('dynamicFieldsFromItems', () => {
  it('keeps items whose value is one of a listed condition, requires by a listed condition, and reads choices at the first path holding a list', () => {
    const fields = dynamicFieldsFromItems(properties, spec, new Set(['source']));
    expect(fields.map(({ field }) => [field.key, field.type, field.required, field.choices?.map((choice) => choice.value)])).toEqual([
      ['Name', 'string', true, undefined],
      ['Stage', 'select', false, ['Lead', 'Won']],
      ['Status', 'select', false, ['To do', 'Done']],
      ['Count', 'number', false, undefined],
    ]);
  });

  it('still compares a single condition value by equality', () => {
    const single = { ...spec, when: { type: 'number' }, required: undefined };
    expect(dynamicFieldsFromItems(properties, single, new Set()).map(({ field }) => field.key)).toEqual(['Count']);
  });
});
