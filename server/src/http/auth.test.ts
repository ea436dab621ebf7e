import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../test-system.js';

// The OAuth callback is reached by the provider's redirect; its single-use `state` is the credential.
const publicRoutes = new Set([
  'POST /auth/login',
  'POST /setup',
  'GET /openapi.json',
  'GET /auth/status',
  'GET /connections/oauth/callback',
  // Provider sign-in: the login page's buttons and the browser's redirects (the state bound to its cookie is the credential).
  'GET /auth/sign-in/providers',
  'GET /auth/sign-in/{provider}/start',
  'GET /auth/sign-in/{provider}/callback',
]);
const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every operation the OpenAPI document lists, with `{param}`s filled in. */
async function routes(system: TestSystem): Promise<{ method: string; path: string; key: string }[]> {
  const doc = (await system.api('GET', '/openapi.json', undefined, { token: null })).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{[^}]+\}/g, 'x_1'),
      key: `${method.toUpperCase()} ${path}`,
    })),
  );
}

describe('authentication and roles', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false, owner: false });
  });
  afterAll(() => system?.close());

  it('answers 401 on every non-public /api/v1 route without credentials', async () => {
    const listed = await routes(system);
    expect(listed.length).toBeGreaterThan(15);
    for (const route of listed.filter((r) => !publicRoutes.has(r.key))) {
      const answer = await system.api(route.method, route.path, undefined, { token: null });
      expect({ route: route.key, status: answer.status, code: answer.body?.error?.code }).toEqual({ route: route.key, status: 401, code: 'UNAUTHENTICATED' });
    }
    const bogus = await system.api('GET', '/recipes', undefined, { token: 'syt_not-a-real-token' });
    expect(bogus.status).toBe(401);
    expect((await system.api('GET', '/recipes', undefined, { token: null, headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('creates the owner once through setup, signed in; then answers 409', async () => {
    expect((await system.api('GET', '/auth/status', undefined, { token: null })).body).toEqual({ setupRequired: true, user: null });
    const weak = await system.api('POST', '/setup', { email: 'owner@example.com', password: 'short' }, { token: null });
    expect(weak.status).toBe(422);

    const setup = await system.api('POST', '/setup', { email: 'Owner@Example.com', password: 'correct horse battery' }, { token: null });
    expect(setup.status).toBe(201);
    expect(setup.body).toMatchObject({ email: 'owner@example.com', role: 'owner' });
    expect(setup.headers.get('set-cookie')).toMatch(/^switchyard_session=sys_/);

    const again = await system.api('POST', '/setup', { email: 'second@example.com', password: 'correct horse battery' }, { token: null });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SETUP_DONE');
    expect((await system.api('GET', '/auth/status', undefined, { token: null })).body).toEqual({ setupRequired: false, user: null });
  });

  it('signs in with an HttpOnly SameSite cookie; logout ends the session on the server', async () => {
    const wrong = await system.api('POST', '/auth/login', { email: 'owner@example.com', password: 'wrong password!' }, { token: null });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const login = await system.api('POST', '/auth/login', { email: 'owner@example.com', password: 'correct horse battery' }, { token: null });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = setCookie.split(';')[0]!;

    const me = await system.api('GET', '/auth/me', undefined, { token: null, headers: { cookie } });
    expect(me.body).toMatchObject({ email: 'owner@example.com', role: 'owner', via: 'session' });
    const status = await system.api('GET', '/auth/status', undefined, { token: null, headers: { cookie } });
    expect(status.body).toEqual({ setupRequired: false, user: { id: me.body.id, email: 'owner@example.com', role: 'owner' } });

    const logout = await system.api('POST', '/auth/logout', undefined, { token: null, headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/switchyard_session=;/);
    // The browser would drop the cookie; a copy kept by an attacker must not work either.
    expect((await system.api('GET', '/auth/me', undefined, { token: null, headers: { cookie } })).status).toBe(401);
    expect((await system.api('GET', '/auth/status', undefined, { token: null, headers: { cookie } })).body.user).toBeNull();
  });

  it('rotates the session on login: the previous session stops working', async () => {
    const first = await system.api('POST', '/auth/login', { email: 'owner@example.com', password: 'correct horse battery' }, { token: null });
    const oldCookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const second = await system.api('POST', '/auth/login', { email: 'owner@example.com', password: 'correct horse battery' }, { token: null, headers: { cookie: oldCookie } });
    const newCookie = second.headers.get('set-cookie')!.split(';')[0]!;
    expect(newCookie).not.toBe(oldCookie);
    expect((await system.api('GET', '/auth/me', undefined, { token: null, headers: { cookie: oldCookie } })).status).toBe(401);
    expect((await system.api('GET', '/auth/me', undefined, { token: null, headers: { cookie: newCookie } })).status).toBe(200);
  });

  it('gives a viewer 403 on every mutating route and lets it read', async () => {
    const viewer = await system.addUser('viewer');
    // Tokens for oneself and signing out are open to every role.
    const open = new Set([...publicRoutes, 'POST /tokens', 'POST /auth/logout']);
    const listed = (await routes(system)).filter((r) => mutating.has(r.method) && !open.has(r.key));
    expect(listed.length).toBeGreaterThan(10);
    for (const route of listed) {
      const answer = await system.api(route.method, route.path, {}, { token: viewer });
      expect({ route: route.key, status: answer.status }).toEqual({ route: route.key, status: 403 });
    }
    expect((await system.api('GET', '/recipes', undefined, { token: viewer })).status).toBe(200);
    expect((await system.api('GET', '/runs', undefined, { token: viewer })).status).toBe(200);
    expect((await system.api('GET', '/users', undefined, { token: viewer })).status).toBe(403);
    const token = await system.api('POST', '/tokens', { name: 'mine' }, { token: viewer });
    expect(token.status).toBe(201);
    expect((await system.api('GET', '/auth/me', undefined, { token: token.body.token })).body.role).toBe('viewer');
  });

  it('lets an editor change recipes but not manage users', async () => {
    const editor = await system.addUser('editor');
    expect((await system.api('POST', '/recipes', { name: 'E', trigger: { use: 'core/manual' }, steps: [] }, { token: editor })).status).toBe(201);
    expect((await system.api('POST', '/users', { email: 'x@example.com', password: 'long enough pw' }, { token: editor })).status).toBe(403);
  });
});
