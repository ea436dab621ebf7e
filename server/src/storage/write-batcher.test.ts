import { afterEach, describe, expect, it, vi } from 'vitest';
import { kvRepo } from './kv-repo.js';
import { dialects, useMigratedDatabase } from './test-databases.js';
import { userRepo } from './user-repo.js';
import { createWriteBatcher } from './write-batcher.js';

describe.each(dialects)('group commit on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Every transaction the batcher opens goes through db.transaction(), so counting calls counts commits.
  const countTransactions = () => vi.spyOn(database.db, 'transaction');

  it('commits 200 concurrent writes in far fewer transactions, each resolving with its own result', async () => {
    const transactions = countTransactions();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        database.write(async (trx) => {
          await kvRepo.set(trx, 'many', `k${i}`, i, 1);
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
    expect(transactions.mock.calls.length).toBeGreaterThan(0);
    expect(transactions.mock.calls.length).toBeLessThan(20);
    expect(await kvRepo.list(database.db, 'many')).toHaveLength(200);
  });

  it('puts writes that arrive during a commit into the next shared transaction', async () => {
    const transactions = countTransactions();
    let started!: () => void;
    let release!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = database.write(async (trx) => {
      started();
      await gate;
      await kvRepo.set(trx, 'later', 'first', 0, 1);
    });
    await firstStarted;
    const later = Array.from({ length: 50 }, (_, i) => database.write((trx) => kvRepo.set(trx, 'later', `k${i}`, i, 1)));
    release();
    await Promise.all([first, ...later]);
    expect(transactions).toHaveBeenCalledTimes(2);
    expect(await kvRepo.list(database.db, 'later')).toHaveLength(51);
  });

  it('rejects only the failing write; the others in its batch still commit', async () => {
    const writes = Array.from({ length: 30 }, (_, i) =>
      database.write(async (trx) => {
        await kvRepo.set(trx, 'fail', `k${i}`, i, 1);
        if (i === 17) throw new Error('write 17 failed');
        return i;
      }),
    );
    const settled = await Promise.allSettled(writes);
    const rejected = settled.flatMap((result, i) => (result.status === 'rejected' ? [[i, String(result.reason)]] : []));
    expect(rejected).toEqual([[17, 'Error: write 17 failed']]);
    const keys = (await kvRepo.list(database.db, 'fail')).map((row) => row.key);
    expect(keys).toHaveLength(29);
    // The failed write's own insert was rolled back with it.
    expect(keys).not.toContain('k17');
  });

  it('isolates a write the database refuses, which on PostgreSQL aborts the whole shared transaction', async () => {
    await database.write((trx) => userRepo.create(trx, { email: 'taken@example.com', passwordHash: 'h', role: 'owner', now: 1 }));
    const duplicate = database.write((trx) =>
      userRepo.create(trx, { email: 'TAKEN@example.com', passwordHash: 'h', role: 'viewer', now: 2 }),
    );
    const others = Array.from({ length: 10 }, (_, i) => database.write((trx) => kvRepo.set(trx, 'refused', `k${i}`, i, 1)));
    await expect(duplicate).rejects.toThrow(/unique/i);
    await Promise.all(others);
    expect(await kvRepo.list(database.db, 'refused')).toHaveLength(10);
    expect(await userRepo.count(database.db)).toBe(1);
  });

  it('never puts more than maxBatch writes in one transaction', async () => {
    const batcher = createWriteBatcher(database.db, { maxBatch: 10, parallel: 1 });
    const transactions = countTransactions();
    await Promise.all(Array.from({ length: 25 }, (_, i) => batcher.write((trx) => kvRepo.set(trx, 'capped', `k${i}`, i, 1))));
    expect(transactions).toHaveBeenCalledTimes(3);
  });

  it('commits writes still queued when the database is closed', async () => {
    const other = openAnother();
    const pending = Array.from({ length: 20 }, (_, i) => other.write((trx) => kvRepo.set(trx, 'closing', `k${i}`, i, 1)));
    await other.close();
    await Promise.all(pending);
    expect(await kvRepo.list(database.db, 'closing')).toHaveLength(20);
  });
});
