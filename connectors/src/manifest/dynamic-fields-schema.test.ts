import { describe, expect, it } from 'vitest';
import { validatePack } from '../validate/validate-pack.js';
import { dynamicFieldKeySchema } from './dynamic-fields-schema.js';

const dynamicFields = (extra: Record<string, unknown> = {}) => ({
  request: { path: '/objects/{{input.object}}/describe' },
  items: 'fields',
  when: { createable: true },
  key: '{{item.name}}',
  label: '{{item.label}}',
  type: '{{item.type}}',
  types: { picklist: 'select', multipicklist: { type: 'multiselect', value: "{{value | join: ';'}}" } },
  required: { nillable: false },
  choices: { items: 'picklistValues', label: '{{choice.label}}', value: '{{choice.value}}' },
  dependsOn: ['object'],
  ...extra,
});

const pack = (action: Record<string, unknown>) => ({
  id: 'demo',
  name: 'Demo',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.example.com/v1',
  auth: { kind: 'bearer' },
  actions: [{ key: 'create', name: 'Create', input: [{ key: 'object', label: 'Object' }], request: { method: 'POST', path: '/objects/{{input.object}}', json: '{{fields}}' }, ...action }],
});

function pointers(manifest: unknown): string[] {
  const result = validatePack(manifest);
  return result.ok ? [] : result.problems.map((problem) => `${problem.path} ${problem.message}`);
}

describe('dynamicFields', () => {
  it('accepts a full declaration whose request sends {{fields}}', () => {
    const result = validatePack(pack({ dynamicFields: dynamicFields() }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.manifest.actions[0]?.dynamicFields?.types.picklist).toBe('select');
  });

  it('refuses {{fields}} in an action without dynamic fields', () => {
    expect(pointers(pack({}))).toEqual([expect.stringMatching(/^\/actions\/0\/request\/json \{\{fields\}\} cannot be used in an action's request, which sees only input and connection/)]);
  });

  it('refuses templates naming what their place does not see, and dependsOn naming no input field', () => {
    const problems = pointers(pack({
      dynamicFields: dynamicFields({
        request: { path: '/objects/{{input.kind}}/describe' },
        key: '{{input.object}}',
        choices: { items: 'values', label: '{{item.label}}', value: '{{choice.value}}' },
        types: { title: { type: 'string', value: { title: [{ text: { content: '{{item.value}}' } }] } } },
        dependsOn: ['object', 'objekt'],
      }),
    }));
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
      '/actions/0/dynamicFields/dependsOn/1',
      '/actions/0/dynamicFields/request/path',
      '/actions/0/dynamicFields/key',
      '/actions/0/dynamicFields/choices/label',
      '/actions/0/dynamicFields/types/title/value/title/0/text/content',
    ]);
    expect(problems[1]).toContain('list it in dependsOn');
  });

  it('takes a list of values as "one of" in conditions, and a list of choice paths', () => {
    const lists = { when: { type: ['title', 'number', null] }, required: { type: ['title'] }, choices: { items: ['select.options', 'status.options'], label: '{{choice.name}}', value: '{{choice.name}}' } };
    expect(validatePack(pack({ dynamicFields: dynamicFields(lists) })).ok).toBe(true);
    expect(pointers(pack({ dynamicFields: dynamicFields({ when: { type: [] } }) }))[0]).toMatch(/^\/actions\/0\/dynamicFields\/when\/type /);
    expect(pointers(pack({ dynamicFields: dynamicFields({ when: { type: [['nested']] } }) }))[0]).toMatch(/^\/actions\/0\/dynamicFields\/when\/type/);
  });

  it('refuses a vendor type mapped onto an unknown field type', () => {
    expect(pointers(pack({ dynamicFields: dynamicFields({ types: { phone: 'telephone' } }) }))[0]).toMatch(/^\/actions\/0\/dynamicFields\/types\/phone /);
  });

  it('takes vendor names as keys, spaces included, but no path separators, braces, control characters or prototype names', () => {
    for (const key of ['Due date', 'Custom__c', 'Größe (cm)', '%3AUPp']) expect(dynamicFieldKeySchema.safeParse(key).success).toBe(true);
    for (const key of ['', 'a.b', 'x[0]', '{{x}}', ' padded', 'tab\there', '__proto__', 'k'.repeat(101)]) expect(dynamicFieldKeySchema.safeParse(key).success).toBe(false);
  });
});
