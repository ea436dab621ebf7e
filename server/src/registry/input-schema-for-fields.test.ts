import { fieldSchema, type FieldInput } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { inputSchemaForFields } from './input-schema-for-fields.js';

const schemaOf = (...fields: FieldInput[]) => inputSchemaForFields(fields.map((field) => fieldSchema.parse(field)));
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe('inputSchemaForFields', () => {
  const schema = schemaOf(
    { key: 'email', label: 'Email', type: 'email', required: true },
    { key: 'count', label: 'Count', type: 'integer' },
    { key: 'vip', label: 'VIP', type: 'boolean' },
    { key: 'plan', label: 'Plan', type: 'select', choices: [{ label: 'Free', value: 'free' }, { label: 'Pro', value: 'pro' }] },
    { key: 'channel', label: 'Channel', type: 'select', dynamicChoices: { request: { path: '/channels' }, items: 'channels', label: '{{item.name}}', value: '{{item.id}}' } },
    { key: 'tags', label: 'Tags', type: 'multiselect', choices: [{ label: 'A', value: 'a' }] },
    { key: 'note', label: 'Note', type: 'text', default: 'none' },
    { key: 'file', label: 'File', type: 'file' },
  );

  it('accepts typed values, numbers and booleans written as text, and applies defaults', () => {
    const parsed = schema.parse({ email: 'a@b.example', count: '3', vip: 'true', plan: 'pro', channel: 'C123', tags: ['a'], file: { base64: 'aGk=' } });
    expect(parsed).toEqual({ email: 'a@b.example', count: 3, vip: true, plan: 'pro', channel: 'C123', tags: ['a'], note: 'none', file: { base64: 'aGk=' } });
  });

  it('treats empty optional values as absent', () => {
    expect(schema.parse({ email: 'a@b.example', count: '', vip: null, plan: null })).toEqual({ email: 'a@b.example', note: 'none' });
  });

  it('names every problem by field', () => {
    const result = schema.safeParse({ count: 2.5, plan: 'gold', tags: ['b'], extra: 1, vip: 'yes' });
    const found = issues(result);
    expect(found).toContainEqual(['email', '"Email" is required']);
    expect(found.find(([path]) => path === 'count')).toBeDefined();
    expect(found).toContainEqual(['plan', 'must be one of "free", "pro"']);
    expect(found).toContainEqual(['tags.0', 'must be one of "a"']);
    expect(found.find(([path]) => path === 'vip')).toBeDefined();
    expect(found.find(([path, message]) => path === '' && /extra/.test(message))).toBeDefined();
  });
});
