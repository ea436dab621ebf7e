import type { MutableResponse } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { ConnectionError } from './connection-error.js';
import { createConnections } from './create-connections.js';
import { startOAuthFixture, type OAuthFixture } from './oauth-test-fixture.js';

describe('ConnectionAuth: tokens, refresh and reauthorisation against a real authorization server', () => {
  let f: OAuthFixture;
  beforeAll(async () => {
    f = await startOAuthFixture();
  });
  afterAll(() => f?.close());

  /** An authorised `oauth-app` connection. */
  const authorised = async (name: string): Promise<string> => {
    const created = await f.system.api('POST', '/connections', { packId: 'oauth-app', name, fields: { client_id: 'switchyard', client_secret: 'client-secret' } });
    const callback = await f.authorizeAtProvider(created.body.authorizeUrl);
    const done = await f.system.request('GET', `${callback}&format=json`, undefined, { token: null });
    if (done.status !== 200) throw new Error(JSON.stringify(done.body));
    return created.body.connection.id as string;
  };
  const expire = (id: string) => f.system.wired.database.db.updateTable('connections').set({ token_expires_at: Date.now() - 1000 }).where('id', '=', id).execute();
  const refreshRequests = () => f.tokenRequests.filter((body) => body['grant_type'] === 'refresh_token').length;

  it('resolves fields, secrets and captured values with the access token', async () => {
    const id = await authorised('Resolve');
    const resolved = await f.connections.auth.resolve(id, await f.manifest('oauth-app'));
    expect(resolved).toMatchObject({ id, packId: 'oauth-app', fields: { client_id: 'switchyard', client_secret: 'client-secret', token_kind: 'Bearer' } });
    expect(resolved.accessToken).toBe((await f.stored(id))!.secrets.tokens!.accessToken);
  });

  it('refreshes a token about to expire before use and stores the rotated refresh token in the same write', async () => {
    const id = await authorised('Rotate');
    const before = (await f.stored(id))!;
    await f.system.wired.database.db.updateTable('connections').set({ token_expires_at: Date.now() + 30_000 }).where('id', '=', id).execute();
    const resolved = await f.connections.auth.resolve(id, await f.manifest('oauth-app'));
    const after = (await f.stored(id))!;
    expect(f.tokenRequests.at(-1)).toMatchObject({ grant_type: 'refresh_token', refresh_token: before.secrets.tokens!.refreshToken });
    expect(resolved.accessToken).toBe(after.secrets.tokens!.accessToken);
    expect(after.secrets.tokens!.accessToken).not.toBe(before.secrets.tokens!.accessToken);
    expect(after.secrets.tokens!.refreshToken).not.toBe(before.secrets.tokens!.refreshToken);
    expect(after.row.revision).toBe(before.row.revision + 1);
  });

  it('keeps the old refresh token when the server sends none', async () => {
    const id = await authorised('Keep');
    const before = (await f.stored(id))!;
    f.provider.service.once('beforeResponse', (response: MutableResponse) => {
      delete (response.body as Record<string, unknown>)['refresh_token'];
    });
    await expire(id);
    await f.connections.auth.resolve(id, await f.manifest('oauth-app'));
    expect((await f.stored(id))!.secrets.tokens!.refreshToken).toBe(before.secrets.tokens!.refreshToken);
  });

  it('sends exactly one token request for a storm of 20 concurrent resolves and 401 refreshes', async () => {
    const id = await authorised('Storm');
    const pack = await f.manifest('oauth-app');
    const stale = await f.connections.auth.resolve(id, pack);
    await expire(id);
    const before = refreshRequests();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? f.connections.auth.resolve(id, pack) : f.connections.auth.refreshAfterUnauthorized(stale, pack))),
    );
    expect(refreshRequests() - before).toBe(1);
    const tokens = new Set(results.map((result) => result.accessToken));
    expect([...tokens]).toEqual([(await f.stored(id))!.secrets.tokens!.accessToken]);
    // A late 401 for the old token finds it already replaced and sends nothing.
    await f.connections.auth.refreshAfterUnauthorized(stale, pack);
    expect(refreshRequests() - before).toBe(1);
  });

  it('across processes, the loser of the compare-and-swap uses the winner\'s token', async () => {
    const id = await authorised('Two processes');
    const pack = await f.manifest('oauth-app');
    const { database, appDeps } = f.system.wired;
    const other = createConnections({
      database,
      box: appDeps.connections.box,
      egress: appDeps.engine.egress,
      registry: createPackRegistry({ database, now: Date.now }),
      vendor: appDeps.engine.vendor,
      log: appDeps.log,
      now: Date.now,
      publicUrl: appDeps.publicUrl,
    });
    await expire(id);
    const [mine, theirs] = await Promise.all([f.connections.auth.resolve(id, pack), other.auth.resolve(id, pack)]);
    const stored = (await f.stored(id))!;
    expect(mine.accessToken).toBe(stored.secrets.tokens!.accessToken);
    expect(theirs.accessToken).toBe(stored.secrets.tokens!.accessToken);
  });

  it('marks the connection needs_reauth after invalid_grant and then fails fast without asking the server', async () => {
    const id = await authorised('Revoked');
    const pack = await f.manifest('oauth-app');
    f.provider.service.once('beforeResponse', (response: MutableResponse) => {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant', error_description: 'refresh token revoked' };
    });
    await expire(id);
    const failure = await f.connections.auth.resolve(id, pack).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ code: 'NEEDS_REAUTH', retryable: false, message: expect.stringMatching(/needs to be reconnected: .*invalid_grant: refresh token revoked/) });
    const view = (await f.system.api('GET', `/connections/${id}`)).body;
    expect(view).toMatchObject({ status: 'needs_reauth', statusMessage: expect.stringMatching(/invalid_grant/) });
    const requests = f.tokenRequests.length;
    await expect(f.connections.auth.resolve(id, pack)).rejects.toMatchObject({ code: 'NEEDS_REAUTH' });
    await expect(f.connections.auth.refreshAfterUnauthorized({ id, packId: 'oauth-app', fields: {} }, pack)).rejects.toMatchObject({ code: 'NEEDS_REAUTH' });
    expect(f.tokenRequests.length).toBe(requests);

    // Reauthorising brings it back.
    const again = (await f.system.api('POST', `/connections/${id}/oauth/start`)).body.authorizeUrl as string;
    expect((await f.system.request('GET', `${await f.authorizeAtProvider(again)}&format=json`, undefined, { token: null })).status).toBe(200);
    await expect(f.connections.auth.resolve(id, pack)).resolves.toMatchObject({ id });
  });

  it('the sweep refreshes tokens expiring within five minutes and leaves later ones alone', async () => {
    const soon = await authorised('Soon');
    const later = await authorised('Later');
    const { db } = f.system.wired.database;
    await db.updateTable('connections').set({ token_expires_at: Date.now() + 4 * 60_000 }).where('id', '=', soon).execute();
    const laterToken = (await f.stored(later))!.secrets.tokens!.accessToken;
    const soonToken = (await f.stored(soon))!.secrets.tokens!.accessToken;
    const result = await f.connections.refreshExpiringTokens(Date.now());
    expect(result.refreshed).toBeGreaterThanOrEqual(1);
    expect((await f.stored(soon))!.secrets.tokens!.accessToken).not.toBe(soonToken);
    expect((await f.stored(later))!.secrets.tokens!.accessToken).toBe(laterToken);
  });

  it('fails with CONNECTION_WRONG_PACK and CONNECTION_NOT_FOUND clearly', async () => {
    const id = await authorised('Wrong pack');
    await expect(f.connections.auth.resolve(id, await f.manifest('key-app'))).rejects.toMatchObject({ code: 'CONNECTION_WRONG_PACK' });
    await expect(f.connections.auth.resolve('con_missing', await f.manifest('key-app'))).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
  });
});
