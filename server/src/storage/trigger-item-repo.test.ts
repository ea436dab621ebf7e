import { describe, expect, it } from 'vitest';
import { dialects, useMigratedDatabase } from './test-databases.js';
import { triggerItemRepo } from './trigger-item-repo.js';

describe.each(dialects)('triggerItemRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('records keys once per trigger and reports which were seen', async () => {
    await database.write((trx) => triggerItemRepo.add(trx, 'trg_a', ['1', '2', '2'], 1_000));
    await database.write((trx) => triggerItemRepo.add(trx, 'trg_a', ['2', '3'], 2_000));
    await database.write((trx) => triggerItemRepo.add(trx, 'trg_b', ['1'], 2_000));
    expect([...(await triggerItemRepo.seen(database.db, 'trg_a', ['1', '3', '4']))].sort()).toEqual(['1', '3']);
    expect(await triggerItemRepo.count(database.db, 'trg_a')).toBe(3);
    expect(await triggerItemRepo.count(database.db, 'trg_b')).toBe(1);
  });

  it('handles long keys and more keys than one statement takes', async () => {
    const long = 'x'.repeat(5_000);
    const many = Array.from({ length: 700 }, (_, index) => `item-${index}`);
    await database.write((trx) => triggerItemRepo.add(trx, 'trg_c', [long, ...many], 1_000));
    const seen = await triggerItemRepo.seen(database.db, 'trg_c', [long, 'item-699', 'new']);
    expect(seen).toEqual(new Set([long, 'item-699']));
    await database.write((trx) => triggerItemRepo.clear(trx, 'trg_c'));
    expect(await triggerItemRepo.count(database.db, 'trg_c')).toBe(0);
  });
});
