import { describe, expect, it } from 'vitest';
import { kvRepo } from './kv-repo.js';
import { dialects, useMigratedDatabase } from './test-databases.js';

describe.each(dialects)('kvRepo on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);

  it('stores JSON values per scope and key, overwriting on set', async () => {
    await database.write(async (trx) => {
      await kvRepo.set(trx, 'rcp_a', 'count', 1, 1_000);
      await kvRepo.set(trx, 'rcp_a', 'seen', { ids: ['x'], ok: true }, 1_000);
      await kvRepo.set(trx, 'rcp_b', 'count', 99, 1_000);
    });
    await database.write((trx) => kvRepo.set(trx, 'rcp_a', 'count', 2, 2_000));
    expect(await kvRepo.get(database.db, 'rcp_a', 'count')).toBe(2);
    expect(await kvRepo.get(database.db, 'rcp_a', 'seen')).toEqual({ ids: ['x'], ok: true });
    expect(await kvRepo.get(database.db, 'rcp_b', 'count')).toBe(99);
    expect(await kvRepo.list(database.db, 'rcp_a')).toEqual([
      { key: 'count', value: '2', updated_at: 2_000 },
      { key: 'seen', value: '{"ids":["x"],"ok":true}', updated_at: 1_000 },
    ]);
  });

  it('tells a stored null from a missing key', async () => {
    await database.write((trx) => kvRepo.set(trx, 'nulls', 'empty', null, 1_000));
    expect(await kvRepo.get(database.db, 'nulls', 'empty')).toBeNull();
    expect(await kvRepo.get(database.db, 'nulls', 'missing')).toBeUndefined();
  });

  it('deletes a key and says whether there was one', async () => {
    await database.write((trx) => kvRepo.set(trx, 'del', 'k', 'v', 1_000));
    expect(await database.write((trx) => kvRepo.delete(trx, 'del', 'k'))).toBe(true);
    expect(await database.write((trx) => kvRepo.delete(trx, 'del', 'k'))).toBe(false);
    expect(await kvRepo.list(database.db, 'del')).toEqual([]);
  });

  it('increments from missing or non-numeric values as 0, losing nothing when processes count at once', async () => {
    const increment = (handle: typeof database, by = 1) => handle.write((trx) => kvRepo.increment(trx, dialect, 'inc', 'n', by, 1_000));
    expect(await increment(database, 2)).toBe(2);
    await database.write((trx) => kvRepo.set(trx, 'inc', 'text', 'abc', 1_000));
    expect(await database.write((trx) => kvRepo.increment(trx, dialect, 'inc', 'text', 1, 1_000))).toBe(1);
    // Separate handles commit in separate transactions, as separate processes (or PostgreSQL's parallel batches) do.
    const handles = [database, openAnother(), openAnother()];
    await Promise.all(Array.from({ length: 60 }, (_, i) => increment(handles[i % handles.length]!)));
    expect(await kvRepo.get(database.db, 'inc', 'n')).toBe(62);
  });
});
