import { packManifestSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { addressFields } from './address-fields.js';

const pack = (extra: Record<string, unknown>) =>
  packManifestSchema.parse({ id: 'acme', name: 'Acme', version: '1.0.0', engine: '^1.0.0', baseUrl: 'https://api.example.com', auth: { kind: 'api_key', in: 'header', name: 'X-Key' }, ...extra });

describe('addressFields', () => {
  it('names the fields in baseUrl and both OAuth URLs', () => {
    expect(addressFields(pack({ baseUrl: 'https://{{connection.subdomain}}.example.com/{{ connection.version }}' }))).toEqual(new Set(['subdomain', 'version']));
    const oauth = pack({
      auth: { kind: 'oauth2', authorizationUrl: '{{connection.login_host}}/authorize', tokenUrl: 'https://{{connection["token host"]}}/token', fields: [] },
    });
    expect(addressFields(oauth)).toEqual(new Set(['login_host', 'token host']));
  });

  it('names fields only in the host part of absolute request paths, wherever the pack sends requests', () => {
    const request = (path: string) => ({ path });
    const manifest = pack({
      auth: { kind: 'api_key', in: 'header', name: 'X-Key', test: request('https://{{connection.test_host}}/me?x={{connection.query_only}}') },
      actions: [
        { key: 'a', name: 'A', request: request('https://files.{{connection.region}}.example.com/v1/{{connection.path_only}}') },
        { key: 'b', name: 'B', request: request('/items/{{connection.relative_only}}') },
        { key: 'c', name: 'C', request: request('{{connection.whole_url}}') },
        {
          key: 'd',
          name: 'D',
          request: request('/d'),
          input: [{ key: 'list', label: 'List', dynamicChoices: { request: request('https://{{connection.choices_host}}/lists'), items: 'items', label: '{{item.name}}', value: '{{item.id}}' } }],
        },
      ],
      triggers: [
        { kind: 'poll', key: 'p', name: 'P', request: request('https://{{connection.poll_host}}/new'), items: 'items' },
        {
          kind: 'subscription',
          key: 's',
          name: 'S',
          subscribe: { method: 'POST', path: 'https://{{connection.subscribe_host}}/hooks' },
          unsubscribe: { method: 'DELETE', path: 'https:{{connection.unsubscribe_host}}/hooks/{{subscription.id}}' },
          renew: { request: { method: 'POST', path: '{{connection.renew_origin}}/renew' }, everySeconds: 3600 },
        },
      ],
    });
    expect([...addressFields(manifest)].sort()).toEqual(
      ['choices_host', 'poll_host', 'region', 'renew_origin', 'subscribe_host', 'test_host', 'unsubscribe_host', 'whole_url'].sort(),
    );
  });

  it('is empty for a pack whose addresses are written out', () => {
    expect(addressFields(pack({ actions: [{ key: 'a', name: 'A', request: { path: '/users/{{input.id}}' } }] }))).toEqual(new Set());
  });
});
