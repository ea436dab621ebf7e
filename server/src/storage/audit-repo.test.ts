import { describe, expect, it } from 'vitest';
import { auditRepo } from './audit-repo.js';
import { dialects, useMigratedDatabase } from './test-databases.js';

const ada = { userId: 'usr_ada', email: 'ada@example.com' };
const bob = { userId: 'usr_bob', email: 'bob@example.com' };

describe.each(dialects)('auditRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('records entries in the transaction of the change and lists them newest first', async () => {
    await database.write((trx) => auditRepo.record(trx, { actor: ada, action: 'recipe.create', targetId: 'rcp_1', details: { name: 'A', imported: false } }, 1_000));
    await database.write((trx) => auditRepo.record(trx, { actor: bob, action: 'recipe.publish', targetId: 'rcp_1', details: { version: 2 } }, 2_000));
    await auditRepo.record(database.db, { actor: null, action: 'user.create', targetId: 'usr_bob', details: { via: 'cli' } }, 3_000);
    // A write that fails takes its entry with it.
    await expect(
      database.write(async (trx) => {
        await auditRepo.record(trx, { actor: ada, action: 'recipe.delete', targetId: 'rcp_1' }, 4_000);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    const all = await auditRepo.list(database.db, { limit: 10 });
    expect(all.map((row) => row.action)).toEqual(['user.create', 'recipe.publish', 'recipe.create']);
    expect(all[2]).toMatchObject({ at: 1_000, actor_id: 'usr_ada', actor_email: 'ada@example.com', target_id: 'rcp_1' });
    expect(JSON.parse(all[2]!.details)).toEqual({ name: 'A', imported: false });
    expect(all[0]).toMatchObject({ actor_id: null, actor_email: null });
  });

  it('filters by actor (id or e-mail), action, target and time, and pages by cursor', async () => {
    const actions = async (filter: Partial<Parameters<typeof auditRepo.list>[1]>) =>
      (await auditRepo.list(database.db, { limit: 10, ...filter })).map((row) => row.action);
    expect(await actions({ actor: 'usr_ada' })).toEqual(['recipe.create']);
    expect(await actions({ actor: 'BOB@example.com' })).toEqual(['recipe.publish']);
    expect(await actions({ action: 'user.create' })).toEqual(['user.create']);
    expect(await actions({ targetId: 'rcp_1' })).toEqual(['recipe.publish', 'recipe.create']);
    expect(await actions({ after: 2_000 })).toEqual(['user.create', 'recipe.publish']);
    expect(await actions({ before: 2_000 })).toEqual(['recipe.create']);
    expect(await actions({ after: 1_500, before: 2_500 })).toEqual(['recipe.publish']);

    const first = await auditRepo.list(database.db, { limit: 2 });
    const second = await auditRepo.list(database.db, { limit: 2, cursor: first.at(-1)!.id });
    expect([...first, ...second].map((row) => row.action)).toEqual(['user.create', 'recipe.publish', 'recipe.create']);
  });
});
