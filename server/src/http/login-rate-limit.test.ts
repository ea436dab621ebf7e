import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginLimits } from '../security/login-throttle.js';
import { loginAttemptRepo } from '../storage/login-attempt-repo.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

const password = 'correct horse battery';

describe('login rate limit', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    for (const email of ['alice@example.com', 'bob@example.com', 'carol@example.com']) {
      expect((await system.api('POST', '/users', { email, password, role: 'viewer' })).status).toBe(201);
    }
  });
  afterAll(() => system?.close());

  /** A sign-in as the Node server would hand it over: with the socket's peer address. */
  const login = async (email: string, pass: string, remoteAddress: string, headers: Record<string, string> = {}) => {
    const response = await system.app.request(
      '/api/v1/auth/login',
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password: pass }) },
      { incoming: { socket: { remoteAddress } } },
    );
    return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: { code: string; message: string } } };
  };
  const attemptsFrom = async (address: string) => {
    const rows = await system.wired.database.db.selectFrom('login_attempts').select('id').where('address', '=', address).execute();
    return rows.length;
  };

  it(`refuses an account after ${loginLimits.perAccount} failures with 429, before checking even the right password`, async () => {
    for (let i = 0; i < loginLimits.perAccount; i++) expect((await login('alice@example.com', 'wrong password', '192.0.2.10')).status).toBe(401);
    const limited = await login('alice@example.com', password, '192.0.2.10');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: 'LOGIN_RATE_LIMITED', message: 'too many failed sign-ins for this account; try again in 15 minutes' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(loginLimits.windowMs / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(loginLimits.windowMs / 1000);
    expect(limited.headers.get('set-cookie')).toBeNull();
    // From another address too: the account is what is limited.
    expect((await login('alice@example.com', password, '192.0.2.11')).status).toBe(429);
    // Other accounts on the same address are not affected.
    expect((await login('bob@example.com', password, '192.0.2.10')).status).toBe(200);
  });

  it('forgets the failures of an account when it signs in successfully', async () => {
    for (let i = 0; i < 3; i++) expect((await login('carol@example.com', 'wrong password', '192.0.2.20')).status).toBe(401);
    expect(await attemptsFrom('192.0.2.20')).toBe(3);
    expect((await login('carol@example.com', password, '192.0.2.20')).status).toBe(200);
    expect(await attemptsFrom('192.0.2.20')).toBe(0);
  });

  it(`refuses an address after ${loginLimits.perAddress} failures across accounts`, async () => {
    const db = system.wired.database.db;
    // Earlier failures from this address against other accounts, as a password sprayer would leave them.
    for (let i = 0; i < loginLimits.perAddress - 1; i++) await loginAttemptRepo.record(db, { accountKey: `sprayed-${i}`, address: '198.51.100.7', at: Date.now() });
    expect((await login('nobody@example.com', 'guess', '198.51.100.7')).status).toBe(401);
    const limited = await login('bob@example.com', password, '198.51.100.7');
    expect(limited.status).toBe(429);
    expect(limited.body.error?.message).toMatch(/^too many failed sign-ins from your network address; try again in 1[45] minutes$/);
    // An IPv4-mapped form of the same address is the same address.
    expect((await login('bob@example.com', password, '::ffff:198.51.100.7')).status).toBe(429);
    expect((await login('bob@example.com', password, '198.51.100.8')).status).toBe(200);
  });

  it('takes the address from the socket of a real server, never from X-Forwarded-For', async () => {
    const server = serve({ fetch: system.app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.99' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'guess' }),
      });
      expect(response.status).toBe(401);
      expect(await attemptsFrom('127.0.0.1')).toBe(1);
      expect(await attemptsFrom('203.0.113.99')).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
