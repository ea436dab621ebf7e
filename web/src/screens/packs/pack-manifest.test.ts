import { describe, expect, it } from 'vitest';
import { needsBrowserAuthorization, readManifest } from './pack-manifest';
import { svgDataUrl } from './svg-data-url';

describe('readManifest', () => {
  it('reads auth fields, actions and triggers with their input fields', () => {
    const view = readManifest({
      auth: { kind: 'api_key', in: 'header', fields: [{ key: 'api_key', label: 'API key', secret: true, required: true }], test: { method: 'GET', path: '/me' } },
      actions: [{ key: 'find', kind: 'search', name: 'Find', input: [{ key: 'q', label: 'Query', type: 'select', choices: [{ label: 'A', value: 1 }, { bad: true }] }] }],
      triggers: [{ kind: 'poll', key: 'new', name: 'New thing', input: [{ key: 'p', label: 'P', dynamicChoices: { items: 'data' } }] }],
    });
    expect(view.auth).toEqual({ kind: 'api_key', fields: [expect.objectContaining({ key: 'api_key', secret: true, required: true, type: 'string' })], hasTest: true });
    expect(view.actions[0]).toMatchObject({ key: 'find', kind: 'search', fields: [{ key: 'q', type: 'select', choices: [{ label: 'A', value: 1 }] }] });
    expect(view.triggers[0]).toMatchObject({ key: 'new', kind: 'poll', fields: [{ key: 'p', dynamic: true }] });
  });

  it('reads which fields are advanced (folded in forms), none unless marked', () => {
    const view = readManifest({ auth: { kind: 'bearer', fields: [{ key: 'token', label: 'Token' }, { key: 'base_url', label: 'API base URL', advanced: true }] } });
    expect(view.auth.fields.map((field) => [field.key, field.advanced])).toEqual([['token', false], ['base_url', true]]);
  });

  it('survives odd or missing parts, and gives an api_key pack without fields its implied key field', () => {
    expect(readManifest(null)).toEqual({ auth: { kind: 'none', fields: [], hasTest: false }, actions: [], triggers: [] });
    expect(readManifest({ auth: { kind: 'api_key' }, actions: 'nope', triggers: [1, { key: 'x' }] }).auth.fields.map((f) => f.key)).toEqual(['api_key']);
  });

  it('reads an OAuth2 pack\'s pasted-token option', () => {
    const auth = readManifest({ auth: { kind: 'oauth2', pasteToken: { label: 'Bot token', description: 'xoxb-…' } } }).auth;
    expect(auth.pasteToken).toEqual({ label: 'Bot token', description: 'xoxb-…' });
    expect(readManifest({ auth: { kind: 'oauth2' } }).auth.pasteToken).toBeUndefined();
  });

  it('knows which OAuth2 packs need the browser (authorization code is the default grant)', () => {
    expect(needsBrowserAuthorization(readManifest({ auth: { kind: 'oauth2', tokenUrl: 'x' } }).auth)).toBe(true);
    expect(needsBrowserAuthorization(readManifest({ auth: { kind: 'oauth2', grant: 'client_credentials' } }).auth)).toBe(false);
    expect(needsBrowserAuthorization(readManifest({ auth: { kind: 'bearer' } }).auth)).toBe(false);
  });
});

describe('svgDataUrl', () => {
  it('encodes an SVG as a data URL an <img> can show, and refuses anything that is not SVG', () => {
    const url = svgDataUrl(' <svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>\n')!;
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>');
    expect(svgDataUrl('<script>alert(1)</script>')).toBeUndefined();
  });
});
