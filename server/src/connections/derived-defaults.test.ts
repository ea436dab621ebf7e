import { fieldSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { checkFieldValues } from './check-field-values.js';

const fields = [
  { key: 'shop', label: 'Shop', required: true, pattern: { regex: '[a-zA-Z0-9][a-zA-Z0-9-]*', message: 'the part before .myshopify.com, e.g. my-store' } },
  { key: 'base_url', label: 'Admin URL', type: 'url', required: true, advanced: true, default: 'https://{{connection.shop}}.myshopify.com' },
  { key: 'token', label: 'Token', secret: true },
].map((field) => fieldSchema.parse(field));

const values = (check: ReturnType<typeof checkFieldValues>) => (check.ok ? check.result.values : check.problems);

describe('connection fields: defaults that name other fields, and patterns', () => {
  it('renders a default from the other fields when the user leaves it blank or as the form prefilled it', () => {
    expect(values(checkFieldValues(fields, { shop: 'my-store' }))).toEqual({ shop: 'my-store', base_url: 'https://my-store.myshopify.com' });
    expect(values(checkFieldValues(fields, { shop: 'my-store', base_url: 'https://{{connection.shop}}.myshopify.com' }))).toMatchObject({ base_url: 'https://my-store.myshopify.com' });
  });

  it('keeps a value the user typed, and follows the shop on update only while the URL was the derived one', () => {
    expect(values(checkFieldValues(fields, { shop: 'my-store', base_url: 'http://127.0.0.1:9000' }))).toMatchObject({ base_url: 'http://127.0.0.1:9000' });
    const derived = { values: { shop: 'my-store', base_url: 'https://my-store.myshopify.com' }, secrets: {} };
    expect(values(checkFieldValues(fields, { shop: 'other' }, derived))).toMatchObject({ base_url: 'https://other.myshopify.com' });
    expect(values(checkFieldValues(fields, { shop: 'other', base_url: 'https://my-store.myshopify.com' }, derived))).toMatchObject({ base_url: 'https://other.myshopify.com' });
    const typed = { values: { shop: 'my-store', base_url: 'http://127.0.0.1:9000' }, secrets: {} };
    expect(values(checkFieldValues(fields, { shop: 'other' }, typed))).toMatchObject({ base_url: 'http://127.0.0.1:9000' });
  });

  it('refuses a value outside the pattern with its sentence, and reports only the missing field it names', () => {
    expect(values(checkFieldValues(fields, { shop: 'evil.example/x' }))).toContainEqual({ path: '/fields/shop', message: 'the part before .myshopify.com, e.g. my-store' });
    expect(values(checkFieldValues(fields, {}))).toEqual([{ path: '/fields/shop', message: 'Shop is required' }]);
  });

  it('renders each named value as one encoded word, so even without a pattern it cannot choose another host', () => {
    const loose = fields.map((field) => (field.key === 'shop' ? { ...field, pattern: undefined } : field));
    expect(values(checkFieldValues(loose, { shop: 'evil.example' }))).toMatchObject({ base_url: 'https://evil.example.myshopify.com' });
    // "evil.example%2Fx%3F.myshopify.com" is no host name at all.
    expect(values(checkFieldValues(loose, { shop: 'evil.example/x?' }))).toEqual([{ path: '/fields/base_url', message: 'must be an http or https URL' }]);
  });
});
