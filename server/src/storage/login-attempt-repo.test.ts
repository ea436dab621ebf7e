import { describe, expect, it } from 'vitest';
import { loginAttemptRepo } from './login-attempt-repo.js';
import { dialects, useMigratedDatabase } from './test-databases.js';

describe.each(dialects)('loginAttemptRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);
  const db = () => database.db;

  it('finds the n-th newest attempt after a time, per account and per address', async () => {
    for (const at of [100, 200, 300]) await loginAttemptRepo.record(db(), { accountKey: 'acc-a', address: '192.0.2.1', at });
    await loginAttemptRepo.record(db(), { accountKey: 'acc-b', address: '192.0.2.1', at: 400 });
    await loginAttemptRepo.record(db(), { accountKey: 'acc-a', address: null, at: 500 });

    expect(await loginAttemptRepo.nthNewestAt(db(), { accountKey: 'acc-a' }, 0, 1)).toBe(500);
    expect(await loginAttemptRepo.nthNewestAt(db(), { accountKey: 'acc-a' }, 0, 4)).toBe(100);
    expect(await loginAttemptRepo.nthNewestAt(db(), { accountKey: 'acc-a' }, 0, 5)).toBeUndefined();
    // Only attempts strictly after `since` count.
    expect(await loginAttemptRepo.nthNewestAt(db(), { accountKey: 'acc-a' }, 100, 4)).toBeUndefined();
    expect(await loginAttemptRepo.nthNewestAt(db(), { address: '192.0.2.1' }, 0, 4)).toBe(100);
    expect(await loginAttemptRepo.nthNewestAt(db(), { address: '192.0.2.1' }, 0, 1)).toBe(400);
    expect(await loginAttemptRepo.nthNewestAt(db(), { address: '192.0.2.99' }, 0, 1)).toBeUndefined();
  });

  it('removes one attempt, clears an account, and prunes by age', async () => {
    const id = await loginAttemptRepo.record(db(), { accountKey: 'acc-c', address: '192.0.2.2', at: 1_000 });
    await loginAttemptRepo.record(db(), { accountKey: 'acc-c', address: '192.0.2.2', at: 2_000 });
    await loginAttemptRepo.record(db(), { accountKey: 'acc-d', address: '192.0.2.2', at: 3_000 });

    await loginAttemptRepo.remove(db(), id);
    expect(await loginAttemptRepo.nthNewestAt(db(), { accountKey: 'acc-c' }, 0, 2)).toBeUndefined();
    await loginAttemptRepo.clearAccount(db(), 'acc-c');
    expect(await loginAttemptRepo.nthNewestAt(db(), { accountKey: 'acc-c' }, 0, 1)).toBeUndefined();
    expect(await loginAttemptRepo.nthNewestAt(db(), { address: '192.0.2.2' }, 0, 1)).toBe(3_000);

    // Everything from the first test is at or before 500; the acc-d attempt is newer and stays.
    expect(await loginAttemptRepo.prune(db(), 2_999)).toBe(5);
    expect(await loginAttemptRepo.prune(db(), 2_999)).toBe(0);
    expect(await loginAttemptRepo.nthNewestAt(db(), { accountKey: 'acc-d' }, 0, 1)).toBe(3_000);
  });
});
