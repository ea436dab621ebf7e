import type { Database, Db } from './database.js';
import type { JobRow } from './tables.js';

export const jobRepo = {
  /**
   * Leases up to `limit` due jobs to `owner`. A job whose lease has expired (its process died) is due
   * again. SQLite: one short write transaction (a single writer, so no race). PostgreSQL: SKIP LOCKED,
   * so concurrent workers never wait for or take each other's rows.
   */
  async claim(database: Database, owner: string, limit: number, leaseMs: number, now: number): Promise<JobRow[]> {
    const leaseUntil = now + leaseMs;
    const due = (ex: Db) => {
      const query = ex
        .selectFrom('jobs')
        .select('id')
        .where('run_at', '<=', now)
        .where('lease_until', '<', now)
        .orderBy('run_at')
        .limit(limit);
      return database.dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
    };
    return database.write((trx) =>
      trx
        .updateTable('jobs')
        .set((eb) => ({ lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', due(trx))
        .returningAll()
        .execute(),
    );
  },

  async complete(ex: Db, id: string): Promise<void> {
    await ex.deleteFrom('jobs').where('id', '=', id).execute();
  },

  /**
   * Parks the job until `runAt` and gives up the lease. Parking is progress, so the count of claims
   * (which the engine reads as "claimed without progress", i.e. crashes) starts again from zero.
   */
  async reschedule(ex: Db, id: string, runAt: number): Promise<void> {
    await ex.updateTable('jobs').set({ run_at: runAt, lease_owner: null, lease_until: 0, attempts: 0 }).where('id', '=', id).execute();
  },

  /** Wakes a parked run now (approval clicked, sub-recipe finished). */
  async wakeRun(ex: Db, runId: string, now: number): Promise<void> {
    await ex.updateTable('jobs').set({ run_at: now }).where('run_id', '=', runId).where('lease_until', '<', now).execute();
  },

  async deleteForRun(ex: Db, runId: string): Promise<void> {
    await ex.deleteFrom('jobs').where('run_id', '=', runId).execute();
  },

  async extendLease(database: Database, ids: string[], owner: string, leaseUntil: number): Promise<void> {
    if (ids.length === 0) return;
    await database.write(async (trx) => {
      let mine = trx.selectFrom('jobs').select('id').where('id', 'in', ids).where('lease_owner', '=', owner);
      // A row another transaction holds (our own completion, say) is skipped rather than waited for: waiting
      // in a different lock order than the claim deadlocked. The next renewal catches it.
      if (database.dialect === 'postgres') mine = mine.forUpdate().skipLocked();
      await trx.updateTable('jobs').set({ lease_until: leaseUntil }).where('id', 'in', mine).execute();
    });
  },

  /** On graceful shutdown: hand unfinished jobs back at once instead of waiting for lease expiry. */
  async releaseAll(ex: Db, owner: string): Promise<void> {
    await ex.updateTable('jobs').set({ lease_owner: null, lease_until: 0 }).where('lease_owner', '=', owner).execute();
  },

  async insert(ex: Db, job: { id: string; kind: string; runId: string; recipeId: string; runAt: number; now: number }) {
    await ex
      .insertInto('jobs')
      .values({ id: job.id, kind: job.kind, run_id: job.runId, recipe_id: job.recipeId, run_at: job.runAt, created_at: job.now })
      .execute();
  },

  async depth(ex: Db, now: number): Promise<{ due: number; scheduled: number; leased: number }> {
    const rows = await ex
      .selectFrom('jobs')
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when('lease_until', '>=', now).then(1).else(0).end()).as('leased'),
        eb.fn.sum<number>(eb.case().when('run_at', '<=', now).then(1).else(0).end()).as('due'),
        eb.fn.countAll<number>().as('total'),
      ])
      .executeTakeFirst();
    const leased = Number(rows?.leased ?? 0);
    const due = Number(rows?.due ?? 0);
    return { leased, due, scheduled: Number(rows?.total ?? 0) - due };
  },
};
