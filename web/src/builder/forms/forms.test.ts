import { describe, expect, it } from 'vitest';
import { emptyGroup, isGroup, readConditions, writeConditions, type Rule } from './conditions';
import { coreStepForm, coreStepForms } from './core-steps';
import { fieldForProblem, packFormFields, readField, validateForm, writeField, type PackField } from './form-field';

const packField = (field: Partial<PackField> & Pick<PackField, 'key' | 'type'>): PackField => ({ label: field.key, required: false, choices: [], dynamic: false, ...field });

describe('packFormFields', () => {
  it('maps every pack field type to a control, keeping required, choices and dynamic choices', () => {
    const types = ['string', 'text', 'number', 'integer', 'boolean', 'date', 'datetime', 'email', 'url', 'select', 'multiselect', 'json', 'file'];
    const kinds = packFormFields(types.map((type) => packField({ key: type, type }))).map((field) => field.kind);
    expect(kinds).toEqual(['text', 'textarea', 'number', 'integer', 'boolean', 'date', 'datetime', 'email', 'url', 'select', 'multiselect', 'json', 'url']);
    const [channel] = packFormFields([
      packField({ key: 'channel', type: 'select', label: 'Channel', required: true, dynamic: true, dependsOn: ['team'], choices: [{ label: 'General', value: 'C1' }] }),
    ]);
    expect(channel).toEqual({ key: 'channel', label: 'Channel', kind: 'select', required: true, choices: [{ label: 'General', value: 'C1' }], dynamic: { dependsOn: ['team'] } });
    expect(packFormFields([packField({ key: 'host', type: 'url', advanced: true })])[0]!.advanced).toBe(true);
  });
});

describe('validateForm', () => {
  const fields = packFormFields([
    packField({ key: 'to', type: 'email', label: 'To', required: true }),
    packField({ key: 'count', type: 'integer', label: 'Count' }),
    packField({ key: 'site', type: 'url', label: 'Site' }),
    packField({ key: 'size', type: 'select', label: 'Size', choices: [{ label: 'S', value: 's' }] }),
  ]);

  it('reports missing required values and malformed ones by field', () => {
    expect(validateForm(fields, { count: 1.5, site: 'ftp://x', size: 'xl' })).toEqual({
      to: 'To is required',
      count: 'Count must be a whole number',
      site: 'Site must be an http(s) URL',
      size: 'Size: choose one of the options',
    });
    expect(validateForm(fields, { to: 'not an address' })).toEqual({ to: 'To must be an email address' });
    // Required with a default: left empty, the step uses the default (an HTTP step's method is GET).
    expect(validateForm(coreStepForm('core/http')!.fields, { url: 'https://api.example.com' })).toEqual({});
  });

  it('accepts good values, and templates whatever the type', () => {
    expect(validateForm(fields, { to: 'a@b.se', count: '12', site: 'https://x.se', size: 's' })).toEqual({});
    expect(validateForm(fields, { to: '{{trigger.body.email}}', count: '{{steps.a.output.n}}', site: '{{trigger.body.url}}' })).toEqual({});
  });

  it('checks the core steps’ required fields', () => {
    expect(validateForm(coreStepForm('core/http')!.fields, { method: 'POST' })).toEqual({ url: 'URL is required' });
  });
});

describe('reading and writing fields', () => {
  it('handles nested keys, removing emptied objects', () => {
    const input = writeField(writeField({}, 'for.minutes', 5), 'for.hours', 1);
    expect(input).toEqual({ for: { minutes: 5, hours: 1 } });
    expect(readField(input, 'for.hours')).toBe(1);
    expect(writeField(writeField(input, 'for.minutes', undefined), 'for.hours', undefined)).toEqual({});
  });

  it('treats the empty key as the whole input (a filter’s conditions)', () => {
    expect(writeField({ all: [] }, '', { any: [] })).toEqual({ any: [] });
    expect(readField({ all: [] }, '')).toEqual({ all: [] });
  });

  it('finds the field a server problem names, the whole-input field catching the rest', () => {
    expect(fieldForProblem(coreStepForm('core/http')!.fields, 'url')).toBe('url');
    expect(fieldForProblem(coreStepForm('core/delay')!.fields, 'for')).toBe('for.minutes');
    expect(fieldForProblem(coreStepForm('core/filter')!.fields, 'all')).toBe('');
    expect(fieldForProblem(coreStepForm('core/http')!.fields, 'nope')).toBeUndefined();
    expect(fieldForProblem(coreStepForm('core/http')!.fields, 'form')).toBe('');
  });

  it('describes every core step with a unique use and a sample output', () => {
    expect(new Set(coreStepForms.map((form) => form.use)).size).toBe(coreStepForms.length);
    for (const form of coreStepForms) expect(form.sample, form.use).toBeDefined();
  });
});

describe('conditions', () => {
  it('reads and writes nested all/any groups in order, dropping right from unary rules', () => {
    const input = { any: [{ left: '{{trigger.body.ok}}', op: 'is_true' }, { all: [{ left: 'x', op: 'exists' }, { any: [{ left: 'y', op: 'eq', right: 1 }] }] }, { left: 'a', op: 'eq', right: 'b' }] };
    const group = readConditions(input);
    expect(group.mode).toBe('any');
    expect(group.items).toHaveLength(3);
    const nested = group.items[1]!;
    expect(isGroup(nested) && nested.mode === 'all' && nested.items.length === 2).toBe(true);
    group.items[0] = { ...(group.items[0] as Rule), right: 'stale' };
    expect(writeConditions(group)).toEqual(input);
    expect(readConditions(undefined)).toEqual({ mode: 'all', items: [] });
    expect(emptyGroup(group)).toEqual({ mode: 'all', items: [{ left: '', op: 'eq', right: '' }] });
  });
});
