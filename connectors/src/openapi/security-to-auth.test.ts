import { describe, expect, test } from 'vitest';
import { validatePack } from '../validate/validate-pack.js';
import { convertValid, minimalSpec } from './convert-for-test.js';

/** A document whose operations all require `scheme` (declared as `name`). */
function secured(schemes: Record<string, unknown>, security: Record<string, string[]>[] = [Object.fromEntries(Object.keys(schemes).map((name) => [name, []]))]) {
  return minimalSpec({ components: { securitySchemes: schemes }, security });
}

describe('security schemes → auth', () => {
  test('apiKey in a header or the query', async () => {
    const header = await convertValid(secured({ key: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'From settings' } }));
    expect(header.manifest.auth).toEqual({
      kind: 'api_key',
      in: 'header',
      name: 'X-API-Key',
      value: '{{connection.api_key}}',
      fields: [{ key: 'api_key', label: 'API key', type: 'string', required: true, secret: true, description: 'From settings' }],
      test: { method: 'GET', path: '/ping' },
    });
    const query = await convertValid(secured({ key: { type: 'apiKey', in: 'query', name: 'api_key' } }));
    expect(query.manifest.auth).toMatchObject({ kind: 'api_key', in: 'query', name: 'api_key' });
  });

  test('apiKey in a cookie is a warning and no auth', async () => {
    const { manifest, warnings } = await convertValid(secured({ session: { type: 'apiKey', in: 'cookie', name: 'sid' } }));
    expect(manifest.auth).toEqual({ kind: 'none' });
    expect(warnings).toEqual([
      'security scheme "session": an API key in cookie is not supported (only header or query)',
      'no security scheme of this document can be expressed by a pack; the pack connects without auth',
    ]);
  });

  test('http basic and bearer', async () => {
    const basic = await convertValid(secured({ basicAuth: { type: 'http', scheme: 'Basic' } }));
    expect(basic.manifest.auth).toMatchObject({
      kind: 'basic',
      username: '{{connection.username}}',
      password: '{{connection.password}}',
      fields: [{ key: 'username' }, { key: 'password', secret: true }],
    });
    const bearer = await convertValid(secured({ jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }));
    expect(bearer.manifest.auth).toMatchObject({ kind: 'bearer', token: '{{connection.token}}', fields: [{ key: 'token', secret: true, description: 'JWT' }] });
  });

  test('other http schemes are a warning', async () => {
    const { manifest, warnings } = await convertValid(secured({ digest: { type: 'http', scheme: 'digest' } }));
    expect(manifest.auth).toEqual({ kind: 'none' });
    expect(warnings[0]).toBe('security scheme "digest": HTTP digest authentication is not supported (only basic and bearer)');
  });

  test('oauth2 authorization code, with the scopes the document requires', async () => {
    const flows = {
      authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: '/oauth/token', scopes: { read: 'Read', write: 'Write', admin: 'Admin' } },
      implicit: { authorizationUrl: 'https://auth.example.com/authorize', scopes: {} },
    };
    const spec = secured({ oauth: { type: 'oauth2', flows } }, [{ oauth: ['read'] }]);
    (spec.paths as Record<string, Record<string, Record<string, unknown>>>)['/ping']!.get!.security = [{ oauth: ['write', 'read'] }];
    const { manifest } = await convertValid(spec);
    expect(manifest.auth).toEqual({
      kind: 'oauth2',
      grant: 'authorization_code',
      authorizationUrl: 'https://auth.example.com/authorize',
      tokenUrl: 'https://api.example.com/oauth/token',
      scopes: ['read', 'write'],
      fields: [],
      test: { method: 'GET', path: '/ping' },
    });
    const validation = validatePack(manifest);
    const normalised = validation.ok ? validation.manifest.auth : undefined;
    expect(normalised?.kind === 'oauth2' ? normalised.fields.map((field) => field.key) : []).toEqual(['client_id', 'client_secret']);
  });

  test('oauth2 client credentials', async () => {
    const { manifest } = await convertValid(secured({ m2m: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} } } } }));
    expect(manifest.auth).toMatchObject({ kind: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://auth.example.com/token', scopes: [] });
  });

  test('oauth2 implicit or password only is a warning', async () => {
    const flows = { implicit: { authorizationUrl: 'https://a.example.com', scopes: {} }, password: { tokenUrl: 'https://a.example.com/t', scopes: {} } };
    const { manifest, warnings } = await convertValid(secured({ legacy: { type: 'oauth2', flows } }));
    expect(manifest.auth).toEqual({ kind: 'none' });
    expect(warnings[0]).toBe('security scheme "legacy": OAuth2 implicit, password is not supported; use the authorizationCode or clientCredentials flow');
  });

  test('openIdConnect and mutualTLS are warnings', async () => {
    const oidc = await convertValid(secured({ oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://a.example.com/.well-known/openid-configuration' } }));
    expect(oidc.manifest.auth).toEqual({ kind: 'none' });
    expect(oidc.warnings[0]).toBe('security scheme "oidc": openIdConnect is not supported; set up the pack\'s auth by hand');
    const tls = await convertValid(secured({ tls: { type: 'mutualTLS' } }));
    expect(tls.warnings[0]).toBe('security scheme "tls": mutualTLS is not supported; set up the pack\'s auth by hand');
  });

  test('the first expressible requirement wins; alternatives are named', async () => {
    const schemes = { oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://a.example.com' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' }, basic: { type: 'http', scheme: 'basic' } };
    const { manifest, warnings } = await convertValid(secured(schemes, [{ oidc: [] }, { key: [] }, { basic: [] }]));
    expect(manifest.auth).toMatchObject({ kind: 'api_key', name: 'X-Key' });
    expect(warnings).toContain('the pack authenticates with key; the document also names oidc, basic, which the pack does not use');
  });

  test('API keys required together become a custom auth', async () => {
    const schemes = { appId: { type: 'apiKey', in: 'header', name: 'X-App-Id' }, appKey: { type: 'apiKey', in: 'query', name: 'app_key' } };
    const { manifest } = await convertValid(secured(schemes, [{ appId: [], appKey: [] }]));
    expect(manifest.auth).toMatchObject({
      kind: 'custom',
      headers: { 'X-App-Id': '{{connection.appId}}' },
      query: { app_key: '{{connection.appKey}}' },
      fields: [{ key: 'appId', secret: true }, { key: 'appKey', secret: true }],
    });
  });

  test('no security is no auth; declared but unused schemes are a warning', async () => {
    expect((await convertValid(minimalSpec())).manifest.auth).toEqual({ kind: 'none' });
    const unused = await convertValid(minimalSpec({ components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X' } } } }));
    expect(unused.manifest.auth).toEqual({ kind: 'none' });
    expect(unused.warnings).toEqual(['components.securitySchemes declares key but no operation requires it; the pack connects without auth']);
  });

  test('a requirement naming an undeclared scheme is a warning', async () => {
    const { manifest, warnings } = await convertValid(minimalSpec({ security: [{ ghost: [] }] }));
    expect(manifest.auth).toEqual({ kind: 'none' });
    expect(warnings[0]).toBe('security names ghost, which components.securitySchemes does not define');
  });

  test('auth fields and server variables share the connection without clashing', async () => {
    const spec = secured({ key: { type: 'apiKey', in: 'header', name: 'X-Key' } });
    spec.servers = [{ url: 'https://{api_key}.example.com', variables: { api_key: { default: 'eu' } } }];
    const { manifest } = await convertValid(spec);
    expect(manifest.baseUrl).toBe('https://{{connection.api_key}}.example.com');
    expect(manifest.auth).toMatchObject({ value: '{{connection.api_key_2}}', fields: [{ key: 'api_key' }, { key: 'api_key_2', secret: true }] });
  });
});
