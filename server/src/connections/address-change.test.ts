import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { connectionRepo } from '../storage/connection-repo.js';
import { startOAuthFixture, type OAuthFixture } from './oauth-test-fixture.js';
import { startFakeVendor, type FakeVendor } from './start-fake-vendor.js';

const reenter = "enter this secret again: the connection's address changed";

describe('an edit that changes where a connection sends its credentials', () => {
  let f: OAuthFixture;
  let attacker: FakeVendor;
  let editor: string;
  beforeAll(async () => {
    f = await startOAuthFixture();
    // Answers like a token endpoint, so the client credentials case can get a token from it.
    attacker = await startFakeVendor(() => ({ body: { access_token: 'token-from-new-host', token_type: 'Bearer', expires_in: 3600 } }));
    editor = await f.system.addUser('editor');
    const registry = createPackRegistry({ database: f.system.wired.database, now: Date.now });
    const clientFields = [
      { key: 'issuer', label: 'Issuer', type: 'url', required: true },
      { key: 'client_id', label: 'Client id', required: true },
      { key: 'client_secret', label: 'Client secret', secret: true, required: true },
    ];
    const packs = [
      {
        id: 'self-hosted',
        baseUrl: '{{connection.base_url}}',
        auth: {
          kind: 'api_key',
          in: 'header',
          name: 'X-Api-Key',
          fields: [
            { key: 'base_url', label: 'Server', type: 'url', required: true },
            { key: 'api_key', label: 'API key', secret: true, required: true },
            { key: 'note', label: 'Note' },
          ],
          test: { path: '/me' },
        },
      },
      { id: 'tenant-oauth', baseUrl: f.system.sink.url, auth: { kind: 'oauth2', authorizationUrl: '{{connection.issuer}}/authorize', tokenUrl: '{{connection.issuer}}/token', fields: clientFields } },
      {
        id: 'tenant-cc',
        baseUrl: f.system.sink.url,
        auth: { kind: 'oauth2', grant: 'client_credentials', tokenUrl: '{{connection.issuer}}/token', clientAuth: 'body', fields: clientFields, test: { path: '/cc/me' } },
      },
      {
        id: 'sub-cc',
        baseUrl: f.system.sink.url,
        auth: { kind: 'oauth2', grant: 'client_credentials', tokenUrl: 'http://{{connection.subdomain}}.example.com/token', fields: [...clientFields.slice(1), { key: 'subdomain', label: 'Subdomain' }] },
      },
    ];
    for (const pack of packs) {
      const installed = await registry.installPack({ name: pack.id, version: '1.0.0', engine: '^1.0.0', ...pack }, 'test', null);
      if (!installed.ok) throw new Error(installed.message);
    }
  });
  afterAll(async () => {
    await attacker?.close();
    await f?.close();
  });

  const patch = (id: string, fields: Record<string, unknown>) => f.system.api('PATCH', `/connections/${id}`, { fields }, { token: editor });
  const row = (id: string) => connectionRepo.get(f.system.wired.database.db, id);

  it('refuses to send a stored API key to a new base URL unless it is given again', async () => {
    const created = await f.system.api('POST', '/connections', { packId: 'self-hosted', name: 'Self-hosted', fields: { base_url: f.system.sink.url, api_key: 'stored-key' } });
    expect(created.status).toBe(201);
    const { id } = created.body.connection;
    const before = await row(id);

    const attack = await patch(id, { base_url: attacker.url });
    expect(attack.status).toBe(422);
    expect(attack.body.error.problems).toEqual([{ path: '/fields/api_key', message: reenter }]);
    expect(attacker.requests).toEqual([]);
    expect(await row(id)).toEqual(before);

    // The same address written again, or a field that does not route, keeps the stored key.
    expect((await patch(id, { base_url: f.system.sink.url, note: 'hello' })).status).toBe(200);
    expect(f.system.sink.hits('/me').at(-1)!.headers['x-api-key']).toBe('stored-key');
    expect((await f.stored(id))!.secrets.values).toEqual({ api_key: 'stored-key' });

    const moved = await patch(id, { base_url: attacker.url, api_key: 'key-for-new-host' });
    expect(moved.status).toBe(200);
    expect(attacker.requests.map((request) => request.headers['x-api-key'])).toEqual(['key-for-new-host']);
    expect((await f.stored(id))!.fields.values).toMatchObject({ base_url: attacker.url });
  });

  it('OAuth2: asks for the client secret again, then drops the tokens and needs a new authorisation', async () => {
    const created = await f.system.api('POST', '/connections', { packId: 'tenant-oauth', name: 'Tenant', fields: { issuer: f.issuer, client_id: 'switchyard', client_secret: 'tenant-secret' } });
    const { id } = created.body.connection;
    const seen = attacker.requests.length;
    expect((await f.system.request('GET', `${await f.authorizeAtProvider(created.body.authorizeUrl)}&format=json`, undefined, { token: null })).status).toBe(200);
    const authorised = (await f.stored(id))!;
    expect(authorised.secrets.tokens?.refreshToken).toBeTruthy();

    const attack = await patch(id, { issuer: attacker.url });
    expect(attack.status).toBe(422);
    expect(attack.body.error.problems).toEqual([{ path: '/fields/client_secret', message: reenter }]);
    expect((await patch(id, { client_id: 'switchyard-2' })).status).toBe(200);
    expect((await f.stored(id))!.secrets.tokens).toEqual(authorised.secrets.tokens);

    const moved = await patch(id, { issuer: attacker.url, client_secret: 'secret-for-new-host' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'needs_reauth', statusMessage: "authorise again: the connection's address changed", authorized: false });
    const stored = (await f.stored(id))!;
    expect(stored.secrets.tokens).toBeUndefined();
    expect(stored.row.token_expires_at).toBeNull();
    await expect(f.connections.auth.resolve(id, await f.manifest('tenant-oauth'))).rejects.toMatchObject({ code: 'NEEDS_REAUTH' });
    expect(attacker.requests.length).toBe(seen);
  });

  it('client credentials: with the secret given again, gets a token from the new address at once', async () => {
    const created = await f.system.api('POST', '/connections', { packId: 'tenant-cc', name: 'Machine', fields: { issuer: f.issuer, client_id: 'svc', client_secret: 'old-secret' } });
    expect(created.status).toBe(201);
    const { id } = created.body.connection;
    expect((await patch(id, { issuer: attacker.url })).status).toBe(422);
    const seen = attacker.requests.length;

    const moved = await patch(id, { issuer: attacker.url, client_secret: 'new-secret' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'ok', authorized: true });
    const tokenRequest = new URLSearchParams(attacker.requests.slice(seen).at(-1)!.body.toString());
    expect(Object.fromEntries(tokenRequest)).toMatchObject({ grant_type: 'client_credentials', client_secret: 'new-secret' });
    expect(f.system.sink.hits('/cc/me').at(-1)!.headers['authorization']).toBe('Bearer token-from-new-host');
  });

  it('answers 422 AUTH_MISCONFIGURED, not a server error, when a value would bend the token URL', async () => {
    const answer = await f.system.api('POST', '/connections', { packId: 'sub-cc', name: 'Bent', fields: { client_id: 'svc', client_secret: 's', subdomain: `${attacker.url.slice(7)}/x?` } });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'AUTH_MISCONFIGURED', message: expect.stringContaining("the pack's tokenUrl") });
    expect((await f.system.api('GET', '/connections?packId=sub-cc')).body.connections).toEqual([]);
  });

  it('answers 422 when a stored value keeps the authorisation URL from being filled in', async () => {
    const created = await f.system.api('POST', '/connections', { packId: 'tenant-oauth', name: 'Later broken', fields: { issuer: f.issuer, client_id: 'c', client_secret: 's' } });
    const { id } = created.body.connection;
    const fields = JSON.parse((await row(id))!.fields) as { values: Record<string, unknown> };
    fields.values['issuer'] = 'not a url';
    await f.system.wired.database.db.updateTable('connections').set({ fields: JSON.stringify(fields) }).where('id', '=', id).execute();
    const answer = await f.system.api('POST', `/connections/${id}/oauth/start`);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'AUTH_MISCONFIGURED', message: expect.stringContaining("the pack's tokenUrl") });
  });
});
