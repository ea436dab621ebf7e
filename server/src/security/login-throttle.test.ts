import { describe, expect, it } from 'vitest';
import { loginAttemptRepo } from '../storage/login-attempt-repo.js';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { claimLoginAttempt, loginLimits, loginSucceeded } from './login-throttle.js';

const { windowMs, perAccount, perAddress } = loginLimits;

describe.each(dialects)('login throttle on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);
  const claim = (email: string, address: string | null, now: number) => claimLoginAttempt(database.db, { email, address, now });

  it(`allows ${perAccount} failures per account in ${windowMs / 60_000} minutes, then refuses until the oldest leaves the window`, async () => {
    const start = 1_000_000;
    for (let i = 0; i < perAccount; i++) expect(await claim('ada@example.com', null, start + i * 1_000)).toMatchObject({ ok: true });
    const now = start + 60_000;
    expect(await claim('ada@example.com', null, now)).toEqual({ ok: false, limitedBy: 'account', retryAfterMs: start + windowMs - now });
    // The same account in another case and with stray spaces is the same account.
    expect(await claim('  ADA@Example.com ', null, now)).toMatchObject({ ok: false, limitedBy: 'account' });
    expect(await claim('other@example.com', null, now)).toMatchObject({ ok: true });
    // Once the first failure is 15 minutes old, one more attempt is allowed, and only one.
    expect(await claim('ada@example.com', null, start + windowMs)).toMatchObject({ ok: true });
    expect(await claim('ada@example.com', null, start + windowMs)).toEqual({ ok: false, limitedBy: 'account', retryAfterMs: 1_000 });
  });

  it('a successful sign-in forgives the account its failures', async () => {
    const now = 5_000_000;
    for (let i = 0; i < perAccount - 1; i++) await claim('bob@example.com', '198.51.100.1', now);
    const last = await claim('bob@example.com', '198.51.100.1', now);
    if (!last.ok) throw new Error('the tenth attempt should be allowed');
    await loginSucceeded(database.db, last);
    for (let i = 0; i < perAccount; i++) expect(await claim('bob@example.com', '198.51.100.1', now + 1)).toMatchObject({ ok: true });
    expect(await claim('bob@example.com', '198.51.100.1', now + 1)).toMatchObject({ ok: false, limitedBy: 'account' });
  });

  it(`allows ${perAddress} failures per address across accounts`, async () => {
    const now = 9_000_000;
    for (let i = 0; i < perAddress; i++) expect(await claim(`user${i}@example.com`, '203.0.113.5', now)).toMatchObject({ ok: true });
    expect(await claim('fresh@example.com', '203.0.113.5', now + 10)).toEqual({ ok: false, limitedBy: 'address', retryAfterMs: windowMs - 10 });
    expect(await claim('fresh@example.com', '203.0.113.6', now + 10)).toMatchObject({ ok: true });
    // Without an address (in-process calls), only the account limit applies.
    expect(await claim('fresh2@example.com', null, now + 10)).toMatchObject({ ok: true });
  });

  it('never admits more than the limit when attempts race from several processes', async () => {
    const handles = [database, openAnother(), openAnother()];
    const now = 20_000_000;
    const address = '192.0.2.77';
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => claimLoginAttempt(handles[i % handles.length]!.db, { email: 'race@example.com', address, now })),
    );
    const admitted = claims.filter((result) => result.ok).length;
    expect(admitted).toBeLessThanOrEqual(perAccount);
    // Refused attempts leave nothing behind: only the admitted ones count.
    const since = now - windowMs;
    expect(await loginAttemptRepo.nthNewestAt(database.db, { address }, since, admitted + 1)).toBeUndefined();
    if (admitted > 0) expect(await loginAttemptRepo.nthNewestAt(database.db, { address }, since, admitted)).toBe(now);
    for (const refused of claims.filter((result) => !result.ok)) expect(refused.retryAfterMs).toBeGreaterThan(0);
  });
});
