import { describe, expect, it } from 'vitest';
import type { ManifestField } from '../packs/pack-manifest';
import { fieldsPayload, initialValues, placeholderOf } from './connection-form-values';

const field = (key: string, extra: Partial<ManifestField> = {}): ManifestField => ({
  key, label: key, type: 'string', required: false, secret: false, choices: [], dynamic: false, advanced: false, ...extra,
});

const fields = [
  field('base_url', { type: 'url', required: true, default: 'https://api.acme.example/v1' }),
  field('api_key', { required: true, secret: true }),
  field('region', { type: 'select', choices: [{ label: 'EU', value: 'eu' }, { label: 'Port', value: 8080 }] }),
  field('retries', { type: 'integer' }),
  field('sandbox', { type: 'boolean' }),
];

describe('connection form values', () => {
  it('starts from the pack defaults, or the stored values when editing; secrets always start empty', () => {
    expect(initialValues(fields)).toEqual({ base_url: 'https://api.acme.example/v1', api_key: '', region: '', retries: '', sandbox: false });
    const stored = { fields: { base_url: 'http://127.0.0.1:9', retries: 3, sandbox: true }, secrets: [{ key: 'api_key', set: true }] };
    expect(initialValues(fields, stored)).toEqual({ base_url: 'http://127.0.0.1:9', api_key: '', region: '', retries: '3', sandbox: true });
  });

  it('starts a field whose default follows other fields blank, its placeholder showing what it becomes', () => {
    const shop = field('shop', { required: true });
    const adminUrl = field('admin_url', { type: 'url', default: 'https://{{connection.shop}}.myshopify.com', placeholder: 'ignored' });
    expect(initialValues([shop, adminUrl])).toEqual({ shop: '', admin_url: '' });
    expect(placeholderOf(adminUrl, { shop: '' })).toBe('https://<shop>.myshopify.com');
    expect(placeholderOf(adminUrl, { shop: ' my store ' })).toBe('https://my%20store.myshopify.com');
    expect(placeholderOf(shop, {})).toBeUndefined();
    const stored = { fields: { shop: 'acme', admin_url: 'https://acme.myshopify.com' }, secrets: [] };
    expect(initialValues([shop, adminUrl], stored)).toEqual({ shop: 'acme', admin_url: 'https://acme.myshopify.com' });
  });

  it('creates with typed values, leaving blank fields out', () => {
    const values = { base_url: ' http://127.0.0.1:9 ', api_key: 'k ', region: '8080', retries: '2', sandbox: true };
    expect(fieldsPayload(fields, values)).toEqual({
      fields: { base_url: 'http://127.0.0.1:9', api_key: 'k ', region: 8080, retries: 2, sandbox: true },
      problems: [],
    });
  });

  it('reports required and malformed fields by the pointer the server uses', () => {
    const values = { base_url: '', api_key: '', region: '', retries: '1.5', sandbox: false };
    expect(fieldsPayload(fields, values).problems).toEqual([
      { path: '/fields/base_url', message: 'base_url is required' },
      { path: '/fields/api_key', message: 'api_key is required' },
      { path: '/fields/retries', message: 'retries must be a whole number' },
    ]);
  });

  it('when editing, keeps a blank secret that is set and clears a blank non-secret that had a value', () => {
    const stored = { fields: { base_url: 'http://x', retries: 3 }, secrets: [{ key: 'api_key', set: true }] };
    const values = { base_url: 'http://y', api_key: '', region: '', retries: '', sandbox: false };
    expect(fieldsPayload(fields, values, stored)).toEqual({ fields: { base_url: 'http://y', retries: null, sandbox: false }, problems: [] });
  });
});
