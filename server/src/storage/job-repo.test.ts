import { beforeEach, describe, expect, it } from 'vitest';
import { jobRepo } from './job-repo.js';
import type { JobRow } from './tables.js';
import { dialects, useMigratedDatabase } from './test-databases.js';

const ids = (jobs: JobRow[]) => jobs.map((job) => job.id).sort();

describe.each(dialects)('jobRepo on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);
  // claim() takes any due job, so every test starts from an empty queue.
  beforeEach(async () => {
    await database.db.deleteFrom('jobs').execute();
  });

  const insert = (id: string, runAt: number, runId = `run_${id}`) =>
    database.write((trx) => jobRepo.insert(trx, { id, kind: 'run', runId, recipeId: 'rcp_x', runAt, now: 0 }));
  const job = (id: string) => database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('leases due jobs only, earliest first, up to the limit', async () => {
    await insert('a', 200);
    await insert('b', 100);
    await insert('c', 300);
    const [first] = await jobRepo.claim(database, 'w1', 1, 1_000, 250);
    expect(first).toMatchObject({ id: 'b', lease_owner: 'w1', lease_until: 1_250, attempts: 1 });
    expect(ids(await jobRepo.claim(database, 'w1', 10, 1_000, 250))).toEqual(['a']);
    expect(await jobRepo.claim(database, 'w1', 10, 1_000, 250)).toEqual([]);
  });

  it('keeps a leased job from other owners until the lease expires, then counts another attempt', async () => {
    await insert('a', 0);
    expect(ids(await jobRepo.claim(database, 'w1', 10, 500, 1_000))).toEqual(['a']);
    expect(await jobRepo.claim(database, 'w2', 10, 500, 1_200)).toEqual([]);
    expect(await jobRepo.claim(database, 'w2', 10, 500, 1_500)).toEqual([]);
    const [again] = await jobRepo.claim(database, 'w2', 10, 500, 1_501);
    expect(again).toMatchObject({ id: 'a', lease_owner: 'w2', lease_until: 2_001, attempts: 2 });
  });

  it('extends a lease only for its owner', async () => {
    await insert('a', 0);
    await jobRepo.claim(database, 'w1', 10, 500, 1_000);
    await jobRepo.extendLease(database, ['a'], 'w2', 9_000);
    expect((await job('a')).lease_until).toBe(1_500);
    await jobRepo.extendLease(database, ['a'], 'w1', 9_000);
    expect(await jobRepo.claim(database, 'w2', 10, 500, 5_000)).toEqual([]);
    await jobRepo.extendLease(database, [], 'w1', 9_000);
  });

  it('reschedule parks the job until its new time, gives up the lease and restarts the claim count', async () => {
    await insert('a', 0);
    await jobRepo.claim(database, 'w1', 10, 60_000, 1_000);
    await database.write((trx) => jobRepo.reschedule(trx, 'a', 5_000));
    expect(await job('a')).toMatchObject({ run_at: 5_000, lease_owner: null, lease_until: 0, attempts: 0 });
    expect(await jobRepo.claim(database, 'w2', 10, 1_000, 4_999)).toEqual([]);
    expect(ids(await jobRepo.claim(database, 'w2', 10, 1_000, 5_000))).toEqual(['a']);
  });

  it('releaseAll hands back only that owner’s jobs, claimable at once', async () => {
    await insert('a', 0);
    await insert('b', 1);
    await insert('c', 2);
    expect(ids(await jobRepo.claim(database, 'w1', 2, 60_000, 1_000))).toEqual(['a', 'b']);
    expect(ids(await jobRepo.claim(database, 'w2', 1, 60_000, 1_000))).toEqual(['c']);
    await database.write((trx) => jobRepo.releaseAll(trx, 'w1'));
    expect(await job('a')).toMatchObject({ lease_owner: null, lease_until: 0 });
    expect(ids(await jobRepo.claim(database, 'w3', 10, 60_000, 1_001))).toEqual(['a', 'b']);
  });

  it('wakeRun makes a parked run due now but leaves a leased one alone', async () => {
    await insert('parked', 10_000, 'run_parked');
    await insert('busy', 0, 'run_busy');
    await jobRepo.claim(database, 'w1', 10, 60_000, 1_000);
    await database.write((trx) => jobRepo.wakeRun(trx, 'run_parked', 2_000));
    await database.write((trx) => jobRepo.wakeRun(trx, 'run_busy', 2_000));
    expect((await job('parked')).run_at).toBe(2_000);
    expect((await job('busy')).run_at).toBe(0);
    expect(ids(await jobRepo.claim(database, 'w2', 10, 60_000, 2_000))).toEqual(['parked']);
  });

  it('complete removes the job', async () => {
    await insert('a', 0);
    await database.write((trx) => jobRepo.complete(trx, 'a'));
    expect(await jobRepo.claim(database, 'w1', 10, 1_000, 1_000)).toEqual([]);
  });

  it('deleteForRun removes the jobs of that run only', async () => {
    await insert('a', 0, 'run_gone');
    await insert('b', 5_000, 'run_gone');
    await insert('c', 0, 'run_kept');
    await database.write((trx) => jobRepo.deleteForRun(trx, 'run_gone'));
    expect(ids(await database.db.selectFrom('jobs').selectAll().execute())).toEqual(['c']);
  });

  it('depth counts due, scheduled and leased jobs', async () => {
    expect(await jobRepo.depth(database.db, 1_000)).toEqual({ due: 0, scheduled: 0, leased: 0 });
    await insert('due', 500);
    await insert('leased', 0);
    await insert('later', 5_000);
    await jobRepo.claim(database, 'w1', 1, 60_000, 100);
    expect(await jobRepo.depth(database.db, 1_000)).toEqual({ due: 2, scheduled: 1, leased: 1 });
  });

  it('gives owners claiming at once from separate processes disjoint sets', async () => {
    await Promise.all(Array.from({ length: 120 }, (_, i) => insert(`j${String(i).padStart(3, '0')}`, 0)));
    const owners = [database, openAnother(), openAnother(), openAnother()];
    const rounds = await Promise.all(
      owners.flatMap((handle, owner) => Array.from({ length: 3 }, () => jobRepo.claim(handle, `w${owner}`, 10, 60_000, 1_000))),
    );
    expect(rounds.every((round) => round.length <= 10)).toBe(true);
    const claimed = rounds.flatMap(ids);
    expect(new Set(claimed).size).toBe(claimed.length);
    // SKIP LOCKED may hand a claim fewer rows than exist; whatever is left is still claimable, once.
    const rest = ids(await jobRepo.claim(database, 'sweeper', 200, 60_000, 1_000));
    expect([...claimed, ...rest].sort()).toEqual(ids(await database.db.selectFrom('jobs').selectAll().execute()));
    expect(claimed.length + rest.length).toBe(120);
  });
});
