import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnections } from '../connections/create-connections.js';
import { createVendorClient } from '../connections/create-vendor-client.js';
import { startOAuthFixture, type OAuthFixture } from '../connections/oauth-test-fixture.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { recipeRepo } from '../storage/recipe-repo.js';

describe('connections API', () => {
  let f: OAuthFixture;
  beforeAll(async () => {
    f = await startOAuthFixture();
  });
  afterAll(() => f?.close());

  const keyConnection = (fields: Record<string, unknown>, query = '') =>
    f.system.api('POST', `/connections${query}`, { packId: 'key-app', name: 'Key', fields });

  it('lists every field problem with a JSON pointer and stores nothing', async () => {
    const answer = await keyConnection({ region: 'mars', colour: 'red' });
    expect(answer.status).toBe(422);
    expect(answer.body.error.problems).toEqual(
      expect.arrayContaining([
        { path: '/fields/colour', message: expect.stringContaining('no connection field "colour"') },
        { path: '/fields/api_key', message: 'API key is required' },
        { path: '/fields/region', message: 'must be one of: eu, us' },
      ]),
    );
    const unknownPack = await f.system.api('POST', '/connections', { packId: 'nope', name: 'x' });
    expect(unknownPack.body.error.problems).toEqual([{ path: '/packId', message: 'no such pack is installed' }]);
    expect((await f.system.api('GET', '/connections?packId=key-app')).body.connections).toEqual([]);
  });

  it('refuses the save with the vendor\'s message when the test request fails, and stores nothing', async () => {
    f.system.sink.script('/key/me', { status: 401, body: { error: { message: 'Invalid API key provided' } } });
    const answer = await keyConnection({ api_key: 'wrong-key' });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'CONNECTION_TEST_FAILED', message: expect.stringContaining('Invalid API key provided') });
    expect(JSON.stringify(answer.body)).not.toContain('wrong-key');
    expect((await f.system.api('GET', '/connections?packId=key-app')).body.connections).toEqual([]);
  });

  it('creates, shows secrets only as set, keeps a secret left out of an edit, and audits without values', async () => {
    const created = await keyConnection({ api_key: 'key-one', region: 'eu' });
    expect(created.status).toBe(201);
    expect(f.system.sink.hits('/key/me').at(-1)!.headers['x-api-key']).toBe('key-one');
    const { id } = created.body.connection;
    expect(created.body.connection).toMatchObject({ status: 'ok', fields: { region: 'eu' }, secrets: [{ key: 'api_key', set: true }] });
    expect(created.body.connection.lastCheckedAt).toEqual(expect.any(Number));

    const renamed = await f.system.api('PATCH', `/connections/${id}`, { name: 'Renamed', fields: { region: 'us' } });
    expect(renamed.status).toBe(200);
    expect(f.system.sink.hits('/key/me').at(-1)!.headers['x-api-key']).toBe('key-one');
    expect((await f.stored(id))!.secrets.values).toEqual({ api_key: 'key-one' });

    await f.system.api('PATCH', `/connections/${id}`, { fields: { api_key: 'key-two' } });
    const resolved = await f.connections.auth.resolve(id, await f.manifest('key-app'));
    expect(resolved.fields).toEqual({ api_key: 'key-two', region: 'us' });

    const everything = JSON.stringify([
      (await f.system.api('GET', '/connections')).body,
      (await f.system.api('GET', `/connections/${id}`)).body,
      (await f.system.api('GET', '/audit')).body,
    ]);
    expect(everything).not.toContain('key-one');
    expect(everything).not.toContain('key-two');
    const entries = (await f.system.api('GET', '/audit')).body.entries as { action: string; targetId: string }[];
    const actions = entries.filter((entry) => entry.targetId === id).map((entry) => entry.action);
    expect(actions).toEqual(['connection.update', 'connection.update', 'connection.create']);
  });

  it('lets only owners skip the test request', async () => {
    const editor = await f.system.addUser('editor');
    const hits = f.system.sink.hits('/key/me').length;
    expect((await f.system.api('POST', '/connections?skipTest=true', { packId: 'key-app', name: 'E', fields: { api_key: 'k' } }, { token: editor })).status).toBe(403);
    expect((await keyConnection({ api_key: 'unchecked' }, '?skipTest=true')).status).toBe(201);
    expect(f.system.sink.hits('/key/me').length).toBe(hits);
  });

  it('refuses to delete a connection a recipe uses, naming the recipe', async () => {
    const { id } = (await keyConnection({ api_key: 'in-use' })).body.connection;
    const { recipe } = await recipeRepo.create(f.system.wired.database.db, {
      name: 'Uses the key',
      ownerId: null,
      definition: { trigger: { use: 'core/manual' }, steps: [{ id: 'call', use: 'key-app/ping', connection: id, input: {} }] } as never,
      now: Date.now(),
    });
    const refused = await f.system.api('DELETE', `/connections/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`"Uses the key" (${recipe.id})`);
    await recipeRepo.remove(f.system.wired.database.db, recipe.id);
    expect((await f.system.api('DELETE', `/connections/${id}`)).status).toBe(204);
    expect((await f.system.api('GET', `/connections/${id}`)).status).toBe(404);
  });

  it('client credentials: gets a token at once (client auth in the body) and tests with it', async () => {
    const created = await f.system.api('POST', '/connections', { packId: 'cc-app', name: 'Machine', fields: { client_id: 'svc', client_secret: 'svc-secret' } });
    expect(created.status).toBe(201);
    expect(f.tokenRequests.at(-1)).toMatchObject({ grant_type: 'client_credentials', client_id: 'svc', client_secret: 'svc-secret' });
    const stored = (await f.stored(created.body.connection.id))!;
    expect(f.system.sink.hits('/cc/me').at(-1)!.headers['authorization']).toBe(`Bearer ${stored.secrets.tokens!.accessToken}`);
    const tested = await f.system.api('POST', `/connections/${created.body.connection.id}/test`);
    expect(tested.body).toMatchObject({ ok: true, connection: { status: 'ok' } });
  });

  it('records a failed test as the connection\'s status', async () => {
    const { id } = (await keyConnection({ api_key: 'soon-revoked' })).body.connection;
    f.system.sink.script('/key/me', { status: 403, body: { message: 'key revoked' } });
    const tested = await f.system.api('POST', `/connections/${id}/test`);
    expect(tested.body).toMatchObject({ ok: false, message: expect.stringContaining('key revoked'), connection: { status: 'error' } });
  });

  it('never writes a secret value into a log line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino({ level: 'trace' }, sink);
    const { database, appDeps } = f.system.wired;
    const egress = appDeps.engine.egress;
    const logged = createConnections({
      database,
      box: appDeps.connections.box,
      egress,
      registry: createPackRegistry({ database, now: Date.now }),
      vendor: createVendorClient({ egress, database, now: Date.now, log }),
      log,
      now: Date.now,
      publicUrl: appDeps.publicUrl,
    });
    const actor = { userId: 'usr_log', email: 'log@example.com' };
    const key = await logged.service.create({ packId: 'key-app', name: 'Logged', fields: { api_key: 'log-secret-key' } }, actor, { skipTest: false });
    if (!key.ok) throw new Error(key.message);
    await logged.service.test(key.value.connection.id);
    const oauth = await logged.service.create({ packId: 'oauth-app', name: 'Logged OAuth', fields: { client_id: 'c', client_secret: 'log-client-secret' } }, actor, { skipTest: false });
    if (!oauth.ok) throw new Error(oauth.message);
    const callback = new URL(await f.authorizeAtProvider(oauth.value.authorizeUrl!), 'http://x');
    await logged.authorization.complete(Object.fromEntries(callback.searchParams));
    const id = oauth.value.connection.id;
    await f.system.wired.database.db.updateTable('connections').set({ token_expires_at: Date.now() }).where('id', '=', id).execute();
    await logged.auth.resolve(id, await f.manifest('oauth-app'));
    const tokens = (await f.stored(id))!.secrets.tokens!;

    const text = lines.join('');
    expect(text).toContain('connection authorised');
    for (const secret of ['log-secret-key', 'log-client-secret', tokens.accessToken, tokens.refreshToken!, callback.searchParams.get('code')!, callback.searchParams.get('state')!]) {
      expect(text).not.toContain(secret);
    }
  });
});
