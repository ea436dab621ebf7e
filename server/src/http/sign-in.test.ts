import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Server, type MutableResponse, type MutableToken } from 'oauth2-mock-server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../test-system.js';
import { startFakeGithub } from './fake-github-sign-in.js';

/** A port on 127.0.0.1 that nothing listens on (it was just released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The Set-Cookie value of `name`, as a `name=value` pair for the next request's Cookie header. */
function cookieOf(headers: Headers, name: string): string | undefined {
  return headers.getSetCookie().map((line) => line.split(';')[0]!).find((pair) => pair.startsWith(`${name}=`));
}

describe('sign-in with OpenID Connect (oauth2-mock-server) and GitHub (local fake)', () => {
  let system: TestSystem;
  let oidc: OAuth2Server;
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  /** What the next ID token says; each test sets its own. */
  let claims: Record<string, unknown>;
  let tweakIdToken: (token: MutableToken) => void;
  let tweakTokenResponse: (response: MutableResponse) => void;

  /** The browser's part: start, the provider's redirect back (not followed by the provider here), and the callback. */
  async function signIn(provider: string, options: { cookie?: 'drop'; returnTo?: string; approve?: (url: URL) => Promise<URL> } = {}) {
    const start = await system.api('GET', `/auth/sign-in/${provider}/start?returnTo=${encodeURIComponent(options.returnTo ?? '/runs')}`, undefined, { token: null });
    expect(start.status).toBe(302);
    const browser = cookieOf(start.headers, 'switchyard_sign_in');
    expect(browser).toBeDefined();
    const authorize = new URL(start.headers.get('location')!);
    const approved = await fetch(authorize, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location')!);
    const headers: Record<string, string> = options.cookie === 'drop' ? {} : { cookie: browser! };
    const done = await system.request('GET', `${callback.pathname}${callback.search}`, undefined, { token: null, headers });
    expect(done.status).toBe(302);
    return { authorize, callback, headers, location: done.headers.get('location')!, session: cookieOf(done.headers, 'switchyard_session') };
  }

  async function me(session: string | undefined) {
    return system.api('GET', '/auth/me', undefined, { token: null, headers: { cookie: session ?? '' } });
  }

  async function lastAudit(action: string) {
    const answer = await system.api('GET', `/audit?action=${action}&limit=1`);
    return answer.body.entries[0];
  }

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    oidc = new OAuth2Server();
    await oidc.issuer.keys.generate('RS256');
    await oidc.start(0, '127.0.0.1');
    // The ID token is the one carrying the nonce; the access token is left alone.
    oidc.service.on('beforeTokenSigning', (token: MutableToken) => {
      if (token.payload.nonce === undefined && token.payload['aud'] !== 'switchyard-client') return;
      Object.assign(token.payload, claims);
      tweakIdToken(token);
    });
    oidc.service.on('beforeResponse', (response: MutableResponse) => tweakTokenResponse(response));
    github = await startFakeGithub({ id: 'gh-client', secret: 'gh-secret' });
    const corp = { kind: 'oidc', name: 'Corp SSO', issuer: oidc.issuer.url, clientId: 'switchyard-client', clientSecret: 'oidc-secret' };
    expect((await system.api('PUT', '/sign-in/providers/corp', corp)).status).toBe(200);
    const gh = { kind: 'github', webUrl: github.url, apiUrl: github.url, clientId: 'gh-client', clientSecret: 'gh-secret' };
    expect((await system.api('PUT', '/sign-in/providers/github', gh)).status).toBe(200);
    return async () => {
      await oidc.stop();
      await github.close();
      await system.close();
    };
  });

  beforeEach(() => {
    claims = {};
    tweakIdToken = () => {};
    tweakTokenResponse = () => {};
  });

  it('lists the providers for the login page and, to the owner, with redirect URIs and no secrets', async () => {
    const open = await system.api('GET', '/auth/sign-in/providers', undefined, { token: null });
    expect(open.body.providers).toEqual([
      { id: 'corp', name: 'Corp SSO', kind: 'oidc', startUrl: '/api/v1/auth/sign-in/corp/start' },
      { id: 'github', name: 'GitHub', kind: 'github', startUrl: '/api/v1/auth/sign-in/github/start' },
    ]);
    const settings = await system.api('GET', '/sign-in/providers');
    expect(settings.body.providers[0]).toMatchObject({ id: 'corp', source: 'settings', clientSecretSet: true, redirectUri: 'http://127.0.0.1:3000/api/v1/auth/sign-in/corp/callback' });
    expect(JSON.stringify(settings.body)).not.toContain('oidc-secret');
    const stored = await system.wired.database.db.selectFrom('sign_in_providers').select('client_secret').execute();
    expect(stored.map((row) => row.client_secret).join()).not.toContain('secret');
    const viewer = await system.addUser('viewer');
    expect((await system.api('GET', '/sign-in/providers', undefined, { token: viewer })).status).toBe(403);
    expect((await system.api('POST', '/invitations', { email: 'x@example.com' }, { token: viewer })).status).toBe(403);
  });

  it('refuses an uninvited address, writing nothing but the audit entry', async () => {
    claims = { email: 'stranger@example.com', email_verified: true };
    const result = await signIn('corp');
    expect(result.location).toBe('/runs?signInError=NOT_INVITED');
    expect(result.session).toBeUndefined();
    expect(await system.wired.database.db.selectFrom('users').select('id').where('email', '=', 'stranger@example.com').execute()).toEqual([]);
    expect(await system.wired.database.db.selectFrom('user_identities').select('subject').execute()).toEqual([]);
    expect(await lastAudit('login.refused')).toMatchObject({ actor: null, details: { provider: 'corp', code: 'NOT_INVITED', email: 'stranger@example.com' } });
  });

  it('creates an invited user with the invited role on the first sign-in, and signs in by the linked identity after', async () => {
    const invited = await system.api('POST', '/invitations', { email: 'New.Person@example.com', role: 'viewer' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'new.person@example.com', role: 'viewer', status: 'open' });
    claims = { sub: 'corp-new-person', email: 'new.person@example.com', email_verified: true };
    const first = await signIn('corp', { returnTo: '/recipes?folder=a' });
    expect(first.location).toBe('/recipes?folder=a');
    expect((await me(first.session)).body).toMatchObject({ email: 'new.person@example.com', role: 'viewer', via: 'session' });
    const list = await system.api('GET', '/invitations');
    expect(list.body.invitations.find((i: { id: string }) => i.id === invited.body.id)).toMatchObject({ status: 'accepted' });
    expect(await lastAudit('user.create')).toMatchObject({ actor: { email: 'new.person@example.com' }, details: { role: 'viewer', provider: 'corp' } });

    // The provider's address may change; the subject still signs in as the same user.
    claims = { sub: 'corp-new-person', email: 'renamed@example.com', email_verified: true };
    const again = await signIn('corp');
    expect((await me(again.session)).body.email).toBe('new.person@example.com');
    expect(await lastAudit('login')).toMatchObject({ actor: { email: 'new.person@example.com' }, details: { provider: 'corp' } });
  });

  it('links a password user whose verified address matches', async () => {
    claims = { sub: 'corp-owner', email: 'owner-1@example.com', email_verified: true };
    const result = await signIn('corp');
    expect((await me(result.session)).body).toMatchObject({ email: 'owner-1@example.com', role: 'owner' });
    expect(await lastAudit('identity.link')).toMatchObject({ actor: { email: 'owner-1@example.com' }, details: { provider: 'corp' } });
  });

  it('refuses an unverified address even when invited', async () => {
    await system.api('POST', '/invitations', { email: 'unverified@example.com' });
    claims = { sub: 'corp-unverified', email: 'unverified@example.com', email_verified: false };
    const result = await signIn('corp');
    expect(result.location).toBe('/runs?signInError=EMAIL_UNVERIFIED');
    expect(result.session).toBeUndefined();
  });

  it('replaces an open invitation of the same address, refuses one for an existing user, and audits both', async () => {
    const first = await system.api('POST', '/invitations', { email: 'twice@example.com', role: 'viewer' });
    const second = await system.api('POST', '/invitations', { email: 'twice@example.com', role: 'owner', expiresInDays: 2 });
    expect(second.body).toMatchObject({ role: 'owner', status: 'open', expiresAt: second.body.createdAt + 2 * 86_400_000 });
    const list = (await system.api('GET', '/invitations')).body.invitations as { id: string; status: string }[];
    expect(list.find((i) => i.id === first.body.id)?.status).toBe('revoked');
    expect(await lastAudit('invitation.create')).toMatchObject({ targetId: second.body.id, details: { email: 'twice@example.com', role: 'owner', replaced: 1 } });
    const taken = await system.api('POST', '/invitations', { email: 'OWNER-1@example.com' });
    expect(taken.status).toBe(409);
    expect((await system.api('POST', '/invitations', { email: 'not an address' })).body.error.problems[0].path).toBe('/email');
    expect((await system.api('DELETE', '/invitations/inv_missing')).status).toBe(404);
  });

  it('refuses a revoked invitation', async () => {
    const invited = await system.api('POST', '/invitations', { email: 'revoked@example.com' });
    expect((await system.api('DELETE', `/invitations/${invited.body.id}`)).body.status).toBe('revoked');
    expect((await system.api('DELETE', `/invitations/${invited.body.id}`)).status).toBe(409);
    claims = { sub: 'corp-revoked', email: 'revoked@example.com', email_verified: true };
    expect((await signIn('corp')).location).toBe('/runs?signInError=NOT_INVITED');
  });

  it.each([
    ['for another audience', (token: MutableToken) => Object.assign(token.payload, { aud: 'another-client' })],
    ['expired', (token: MutableToken) => Object.assign(token.payload, { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['from another issuer', (token: MutableToken) => Object.assign(token.payload, { iss: 'http://127.0.0.1:1' })],
    ['with another nonce', (token: MutableToken) => Object.assign(token.payload, { nonce: 'not-the-one-sent' })],
  ])('refuses an ID token %s', async (_what, tweak) => {
    claims = { sub: 'corp-owner', email: 'owner-1@example.com', email_verified: true };
    tweakIdToken = tweak;
    const result = await signIn('corp');
    expect(result.location).toBe('/runs?signInError=TOKEN_INVALID');
    expect(result.session).toBeUndefined();
  });

  it('refuses an ID token whose signature does not match (checked against the JWKS)', async () => {
    claims = { sub: 'corp-owner', email: 'someone@example.com', email_verified: true };
    tweakTokenResponse = (response) => {
      const body = response.body as { id_token: string };
      const [header, payload, signature] = body.id_token.split('.');
      const claimsSigned = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      const forged = Buffer.from(JSON.stringify({ ...claimsSigned, email: 'owner-1@example.com' })).toString('base64url');
      body.id_token = [header, forged, signature].join('.');
    };
    expect((await signIn('corp')).location).toBe('/runs?signInError=TOKEN_INVALID');
  });

  it('refuses a replayed state, a callback in another browser, and a provider error', async () => {
    claims = { sub: 'corp-owner', email: 'owner-1@example.com', email_verified: true };
    const first = await signIn('corp');
    expect(first.session).toBeDefined();
    const replay = await system.request('GET', `${first.callback.pathname}${first.callback.search}`, undefined, { token: null, headers: first.headers });
    expect(replay.headers.get('location')).toBe('/?signInError=STATE_INVALID');
    expect(cookieOf(replay.headers, 'switchyard_session')).toBeUndefined();

    expect((await signIn('corp', { cookie: 'drop' })).location).toBe('/runs?signInError=STATE_INVALID');

    const denied = (uri: { url: URL }) => {
      uri.url.searchParams.delete('code');
      uri.url.searchParams.set('error', 'access_denied');
    };
    oidc.service.once('beforeAuthorizeRedirect', denied);
    expect((await signIn('corp')).location).toBe('/runs?signInError=PROVIDER_DENIED');
    expect(await lastAudit('login.refused')).toMatchObject({ details: { code: 'PROVIDER_DENIED' } });
  });

  it('keeps the return path on this server', async () => {
    claims = { sub: 'corp-owner', email: 'owner-1@example.com', email_verified: true };
    expect((await signIn('corp', { returnTo: '//evil.example/x' })).location).toBe('/');
    expect((await signIn('corp', { returnTo: 'https://evil.example/' })).location).toBe('/');
  });

  it('answers an unknown provider, and one that cannot be reached, on the login page', async () => {
    const start = await system.api('GET', '/auth/sign-in/nobody/start?returnTo=/runs', undefined, { token: null });
    expect(start.headers.get('location')).toBe('/runs?signInError=UNKNOWN_PROVIDER');
    const down = { kind: 'oidc', name: 'Down', issuer: `http://127.0.0.1:${await closedPort()}`, clientId: 'x', clientSecret: 'y' };
    expect((await system.api('PUT', '/sign-in/providers/down', down)).status).toBe(200);
    const unreachable = await system.api('GET', '/auth/sign-in/down/start', undefined, { token: null });
    expect(unreachable.headers.get('location')).toBe('/?signInError=PROVIDER_UNAVAILABLE');
    expect((await system.api('DELETE', '/sign-in/providers/down')).status).toBe(204);
    expect((await system.api('GET', '/auth/sign-in/down/start', undefined, { token: null })).headers.get('location')).toBe('/?signInError=UNKNOWN_PROVIDER');
  });

  it('signs in with GitHub: the verified primary address of an invited account', async () => {
    await system.api('POST', '/invitations', { email: 'octo@example.com', role: 'editor' });
    github.state.account = {
      id: 4242,
      emails: [
        { email: 'other@example.com', primary: false, verified: true },
        { email: 'Octo@example.com', primary: true, verified: true },
      ],
    };
    const result = await signIn('github');
    expect(result.authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect((await me(result.session)).body).toMatchObject({ email: 'octo@example.com', role: 'editor' });
    const identity = await system.wired.database.db.selectFrom('user_identities').selectAll().where('provider_id', '=', 'github').executeTakeFirst();
    expect(identity).toMatchObject({ subject: '4242', email: 'octo@example.com' });
  });

  it('refuses GitHub accounts whose primary address is unverified, or only a secondary one matches', async () => {
    await system.api('POST', '/invitations', { email: 'secondary@example.com' });
    github.state.account = { id: 77, emails: [{ email: 'primary@example.com', primary: true, verified: false }, { email: 'secondary@example.com', primary: false, verified: true }] };
    expect((await signIn('github')).location).toBe('/runs?signInError=EMAIL_UNVERIFIED');
    github.state.account = { id: 78, emails: [{ email: 'unknown@example.com', primary: true, verified: true }, { email: 'secondary@example.com', primary: false, verified: true }] };
    expect((await signIn('github')).location).toBe('/runs?signInError=NOT_INVITED');
  });

  it('keeps provider settings valid: issuer required for OpenID Connect, https only off this machine, env providers read-only', async () => {
    const noIssuer = await system.api('PUT', '/sign-in/providers/okta', { kind: 'oidc', clientId: 'x', clientSecret: 'y' });
    expect(noIssuer.status).toBe(422);
    expect(noIssuer.body.error.problems).toEqual([{ path: '/issuer', message: 'an OpenID Connect provider needs its issuer URL' }]);
    const plain = await system.api('PUT', '/sign-in/providers/okta', { kind: 'oidc', issuer: 'http://idp.example.com', clientId: 'x', clientSecret: 'y' });
    expect(plain.body.error.problems[0].path).toBe('/issuer');
    const noSecret = await system.api('PUT', '/sign-in/providers/google', { kind: 'google', clientId: 'x' });
    expect(noSecret.body.error.problems).toEqual([{ path: '/clientSecret', message: 'required for a new provider' }]);
    // An omitted secret keeps the stored one.
    const renamed = await system.api('PUT', '/sign-in/providers/github', { kind: 'github', name: 'GitHub (staff)', webUrl: github.url, apiUrl: github.url, clientId: 'gh-client' });
    expect(renamed.body).toMatchObject({ name: 'GitHub (staff)', clientSecretSet: true });
    github.state.account = { id: 4242, emails: [{ email: 'octo@example.com', primary: true, verified: true }] };
    expect((await me((await signIn('github')).session)).body.email).toBe('octo@example.com');
    expect(await lastAudit('sign-in-provider.save')).toMatchObject({ targetId: 'github', details: { secretChanged: false } });
  });
});
