import { packManifestSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { ConnectionError } from './connection-error.js';
import { oauth2Settings } from './oauth2-settings.js';

const pack = packManifestSchema.parse({
  id: 'acme',
  name: 'Acme',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.example.com',
  auth: { kind: 'oauth2', authorizationUrl: '{{connection.login}}/oauth/authorize', tokenUrl: 'https://{{connection.subdomain}}.example.com/oauth/token' },
});
const settings = (fields: Record<string, unknown>) => oauth2Settings(pack, { client_id: 'id', login: 'https://login.example.com', subdomain: 'acme', ...fields });

describe('oauth2Settings', () => {
  it('fills a value inside the URL as one word and a leading one as a whole origin', () => {
    expect(settings({})).toMatchObject({ tokenUrl: 'https://acme.example.com/oauth/token', authorizationUrl: 'https://login.example.com/oauth/authorize' });
  });

  it.each([
    ['evil.com/x?', 'tokenUrl'],
    ['evil.com#', 'tokenUrl'],
    ['..', 'tokenUrl'],
  ])('refuses subdomain %j instead of letting it name another host', (subdomain, name) => {
    const failure = (() => {
      try {
        return settings({ subdomain });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ code: 'AUTH_MISCONFIGURED', message: expect.stringContaining(`the pack's ${name}`) });
    expect((failure as Error).message).not.toContain('evil');
  });

  it('refuses a leading value that is not an http(s) origin, readably', () => {
    expect(() => settings({ login: 'javascript:alert(1)//' })).toThrow(/the pack's authorizationUrl is not a valid http\(s\) URL/);
    expect(() => settings({ login: '' })).toThrow(expect.objectContaining({ code: 'AUTH_MISCONFIGURED' }));
  });
});
