import { describe, expect, test } from 'vitest';
import { schemaToField } from './schema-to-field.js';

const field = (schema: unknown, allowFile = false) => schemaToField({ key: 'f', name: 'f', schema, required: false, allowFile });

describe('schemaToField', () => {
  test.each([
    [{ type: 'string' }, 'string'],
    [{ type: 'integer', format: 'int64' }, 'integer'],
    [{ type: 'number' }, 'number'],
    [{ type: 'boolean' }, 'boolean'],
    [{ type: 'string', format: 'date' }, 'date'],
    [{ type: 'string', format: 'date-time' }, 'datetime'],
    [{ type: 'string', format: 'email' }, 'email'],
    [{ type: 'string', format: 'uri' }, 'url'],
    [{ type: 'array', items: { type: 'string' } }, 'json'],
    [{ type: 'object', properties: { a: { type: 'string' } } }, 'json'],
    [{ properties: { a: {} } }, 'json'],
    [{ oneOf: [{ type: 'string' }, { type: 'integer' }] }, 'json'],
    [{ type: ['string', 'null'] }, 'string'],
    [{ type: 'string', nullable: true }, 'string'],
    [{ anyOf: [{ type: 'integer' }, { type: 'null' }] }, 'integer'],
    [{ allOf: [{ type: 'string', format: 'email' }] }, 'email'],
    [{ type: ['string', 'integer'] }, 'string'],
    [{}, 'string'],
    [undefined, 'string'],
  ])('%j → %s', (schema, type) => {
    expect(field(schema).type).toBe(type);
  });

  test('an enum is a select with its values as choices, null left out', () => {
    expect(field({ type: ['string', 'null'], enum: ['a', 'b', null, 'a'] })).toMatchObject({
      type: 'select',
      choices: [{ label: 'a', value: 'a' }, { label: 'b', value: 'b' }],
    });
    expect(field({ type: 'integer', enum: [1, 2] }).choices).toEqual([{ label: '1', value: 1 }, { label: '2', value: 2 }]);
    expect(field({ enum: [''] }).choices).toEqual([{ label: '(empty)', value: '' }]);
  });

  test('an array of enum values is a multiselect', () => {
    expect(field({ type: 'array', items: { enum: ['x', 'y'] } })).toMatchObject({ type: 'multiselect', choices: [{ value: 'x' }, { value: 'y' }] });
  });

  test('binary strings are files only where files can be sent', () => {
    expect(field({ type: 'string', format: 'binary' }, true).type).toBe('file');
    expect(field({ type: 'string', contentMediaType: 'image/png' }, true).type).toBe('file');
    expect(field({ type: 'string', format: 'binary' }).type).toBe('string');
  });

  test('keeps a default only when it fits the field', () => {
    expect(field({ type: 'integer', default: 10 }).default).toBe(10);
    expect(field({ type: 'integer', default: 'ten' }).default).toBeUndefined();
    expect(field({ enum: ['a', 'b'], default: 'c' }).default).toBeUndefined();
    expect(field({ enum: ['a', 'b'], default: 'b' }).default).toBe('b');
    expect(field({ type: 'object', default: { a: 1 } }).default).toEqual({ a: 1 });
  });

  test('description, placeholder from the example, and the label is the original name', () => {
    const made = schemaToField({ key: 'user_name', name: 'user.name', schema: { type: 'string', example: 'ada' }, required: true, description: 'Who' });
    expect(made).toEqual({ key: 'user_name', label: 'user.name', type: 'string', required: true, description: 'Who', placeholder: 'ada' });
  });
});
