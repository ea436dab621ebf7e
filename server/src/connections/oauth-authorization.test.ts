import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFromToken, sessionCookie, startSession } from '../security/authenticate.js';
import { connectionRepo } from '../storage/connection-repo.js';
import { startOAuthFixture, type OAuthFixture } from './oauth-test-fixture.js';

describe('OAuth2 authorization code flow against a real authorization server', () => {
  let f: OAuthFixture;
  beforeAll(async () => {
    f = await startOAuthFixture();
  });
  afterAll(() => f?.close());

  const create = async (name = 'Acme') => {
    const answer = await f.system.api('POST', '/connections', { packId: 'oauth-app', name, fields: { client_id: 'switchyard', client_secret: 'shh-client-secret' } });
    expect(answer.status).toBe(201);
    return answer.body as { connection: { id: string; status: string; statusMessage: string }; authorizeUrl: string };
  };

  it('creates the connection as not yet authorised and completes it with PKCE through the callback', async () => {
    f.provider.service.once('beforeAuthorizeRedirect', (redirect: { url: URL }) => redirect.url.searchParams.set('realmId', 'realm-42'));
    const { connection, authorizeUrl } = await create();
    expect(connection).toMatchObject({ status: 'needs_reauth', statusMessage: 'not yet authorised' });
    const url = new URL(authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'switchyard',
      redirect_uri: 'http://127.0.0.1:3000/api/v1/connections/oauth/callback',
      scope: 'read write',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const callback = await f.authorizeAtProvider(authorizeUrl);
    const page = await f.system.request('GET', callback, undefined, { token: null });
    expect(page.status).toBe(200);
    expect(page.body).toContain('you can close this window');
    // The web app's popup tells its opener (same origin) which connection finished.
    expect(page.body).toContain(`data-connection-id="${connection.id}"`);
    expect(page.body).toContain("postMessage({ type: 'switchyard:oauth'");

    const exchange = f.tokenRequests.at(-1)!;
    expect(exchange).toMatchObject({ grant_type: 'authorization_code', redirect_uri: 'http://127.0.0.1:3000/api/v1/connections/oauth/callback' });
    expect(exchange['code_verifier']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = (await f.stored(connection.id))!;
    expect(stored.row.status).toBe('ok');
    expect(stored.secrets.tokens?.accessToken).toMatch(/^ey/);
    expect(stored.secrets.tokens?.refreshToken).toBeTruthy();
    expect(stored.row.token_expires_at).toBeGreaterThan(Date.now());
    expect(stored.fields.captured).toEqual({ token_kind: 'Bearer', realm: 'realm-42' });

    const view = (await f.system.api('GET', `/connections/${connection.id}`)).body;
    expect(view).toMatchObject({ status: 'ok', authorized: true, captured: { realm: 'realm-42' }, secrets: [{ key: 'client_secret', set: true }] });
    expect(JSON.stringify(view)).not.toContain('shh-client-secret');
    expect(JSON.stringify(view)).not.toContain(stored.secrets.tokens!.accessToken);
  });

  it('refuses a replayed state, an unknown state and a missing state with 400, storing nothing', async () => {
    const { connection, authorizeUrl } = await create('Replay');
    const callback = await f.authorizeAtProvider(authorizeUrl);
    expect((await f.system.request('GET', `${callback}&format=json`, undefined, { token: null })).status).toBe(200);
    const before = await connectionRepo.get(f.system.wired.database.db, connection.id);

    const replayed = await f.system.request('GET', `${callback}&format=json`, undefined, { token: null });
    expect(replayed.status).toBe(400);
    expect(replayed.body.error).toMatchObject({ code: 'OAUTH_STATE_INVALID', message: expect.stringMatching(/unknown or was already used/) });
    const forged = await f.system.request('GET', '/api/v1/connections/oauth/callback?state=forged&code=abc', undefined, { token: null });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('unknown or was already used');
    expect((await f.system.request('GET', '/api/v1/connections/oauth/callback?code=abc&format=json', undefined, { token: null })).status).toBe(400);
    expect(await connectionRepo.get(f.system.wired.database.db, connection.id)).toEqual(before);
  });

  it('refuses a replayed code, a denied authorisation and a wrong verifier with 400, storing nothing', async () => {
    const { connection, authorizeUrl } = await create('Abuse');
    const first = await f.authorizeAtProvider(authorizeUrl);
    const firstCode = new URL(first, 'http://x').searchParams.get('code')!;
    expect((await f.system.request('GET', `${first}&format=json`, undefined, { token: null })).status).toBe(200);
    const before = await connectionRepo.get(f.system.wired.database.db, connection.id);

    // A fresh, valid state carrying a code that was already exchanged.
    const again = (await f.system.api('POST', `/connections/${connection.id}/oauth/start`)).body.authorizeUrl as string;
    const state = new URL(again).searchParams.get('state')!;
    const replayedCode = await f.system.request('GET', `/api/v1/connections/oauth/callback?state=${state}&code=${firstCode}&format=json`, undefined, { token: null });
    expect(replayedCode.status).toBe(400);
    expect(replayedCode.body.error.code).toBe('OAUTH_EXCHANGE_FAILED');

    const denied = (await f.system.api('POST', `/connections/${connection.id}/oauth/start`)).body.authorizeUrl as string;
    const deniedState = new URL(denied).searchParams.get('state')!;
    const refusal = await f.system.request('GET', `/api/v1/connections/oauth/callback?state=${deniedState}&error=access_denied&error_description=User+said+no`, undefined, { token: null });
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain('access_denied: User said no');

    // The provider saw a challenge for another verifier: as if the stored verifier had been swapped.
    const tampered = (await f.system.api('POST', `/connections/${connection.id}/oauth/start`)).body.authorizeUrl as string;
    const otherChallenge = new URL((await f.system.api('POST', `/connections/${connection.id}/oauth/start`)).body.authorizeUrl as string).searchParams.get('code_challenge')!;
    const swapped = new URL(tampered);
    swapped.searchParams.set('code_challenge', otherChallenge);
    const wrongVerifier = await f.system.request('GET', `${await f.authorizeAtProvider(swapped.href)}&format=json`, undefined, { token: null });
    expect(wrongVerifier.status).toBe(400);
    expect(wrongVerifier.body.error.message).toMatch(/code_verifier provided does not match/);

    expect(await connectionRepo.get(f.system.wired.database.db, connection.id)).toEqual(before);
  });

  it('refuses a callback whose browser is signed in as another user than the one who started it, storing nothing', async () => {
    const { db } = f.system.wired.database;
    const cookieOf = async (token: string) => `${sessionCookie}=${await startSession(db, (await principalFromToken(db, token))!.userId, Date.now())}`;
    const colleague = await cookieOf(await f.system.addUser('editor'));
    const starter = await cookieOf(f.system.ownerToken!);

    const { connection, authorizeUrl } = await create('Victim');
    const before = await connectionRepo.get(db, connection.id);
    const callback = await f.authorizeAtProvider(authorizeUrl);
    const exchanges = f.tokenRequests.length;
    const refused = await f.system.request('GET', `${callback}&format=json`, undefined, { token: null, headers: { cookie: colleague } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'OAUTH_OTHER_USER', message: expect.stringContaining('another Switchyard user started this authorisation') });
    expect(f.tokenRequests.length).toBe(exchanges);
    expect(await connectionRepo.get(db, connection.id)).toEqual(before);
    // The state is used up: the link cannot be tried again.
    expect((await f.system.request('GET', `${callback}&format=json`, undefined, { token: null })).status).toBe(400);

    // The starter's own session, and no session at all, complete as before.
    const again = (await f.system.api('POST', `/connections/${connection.id}/oauth/start`)).body.authorizeUrl as string;
    expect((await f.system.request('GET', `${await f.authorizeAtProvider(again)}&format=json`, undefined, { token: null, headers: { cookie: starter } })).status).toBe(200);
    const third = (await f.system.api('POST', `/connections/${connection.id}/oauth/start`)).body.authorizeUrl as string;
    expect((await f.system.request('GET', `${await f.authorizeAtProvider(third)}&format=json`, undefined, { token: null })).status).toBe(200);
  });

  it('refuses an expired state', async () => {
    const { connection, authorizeUrl } = await create('Slow');
    await f.system.wired.database.db.updateTable('oauth_states').set({ expires_at: 1 }).where('connection_id', '=', connection.id).execute();
    const answer = await f.system.request('GET', `${await f.authorizeAtProvider(authorizeUrl)}&format=json`, undefined, { token: null });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/longer than 10 minutes/);
    expect((await f.stored(connection.id))!.row.status).toBe('needs_reauth');
  });
});
