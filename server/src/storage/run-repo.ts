import { sql } from 'kysely';
import { finishedRunStatuses } from '../contracts/run.js';
import { createId } from './create-id.js';
import type { Db } from './database.js';
import { toJson } from './json-column.js';
import type { RunRow, RunStepRow } from './tables.js';

export interface NewRun {
  id?: string;
  recipeId: string;
  versionId: string;
  triggerKind: string;
  event: unknown;
  deadlineAt: number | null;
  replayOf?: string | null;
  parentRunId?: string | null;
  parentStepPath?: string | null;
}

export interface RunFilter {
  recipeId?: string | undefined;
  status?: string | undefined;
  after?: number | undefined;
  before?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

export const runRepo = {
  /** Inserts runs and their first jobs together: a run is never visible without the job that drives it. */
  async createMany(ex: Db, runs: NewRun[], now: number): Promise<string[]> {
    if (runs.length === 0) return [];
    const rows: RunRow[] = runs.map((run) => ({
      id: run.id ?? createId('run', now),
      recipe_id: run.recipeId,
      version_id: run.versionId,
      status: 'queued',
      trigger_kind: run.triggerKind,
      trigger_event: toJson(run.event),
      output: null,
      error: null,
      created_at: now,
      started_at: null,
      finished_at: null,
      deadline_at: run.deadlineAt,
      replay_of: run.replayOf ?? null,
      parent_run_id: run.parentRunId ?? null,
      parent_step_path: run.parentStepPath ?? null,
    }));
    await ex.insertInto('runs').values(rows).execute();
    await ex
      .insertInto('jobs')
      .values(rows.map((row) => ({ id: createId('job', now), kind: 'run', run_id: row.id, recipe_id: row.recipe_id, run_at: now, created_at: now })))
      .execute();
    return rows.map((row) => row.id);
  },

  /** Claimed runs show as running from the moment a worker has them, not only after their first step. */
  async markRunning(ex: Db, ids: string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await ex
      .updateTable('runs')
      .set({ status: 'running', started_at: sql<number>`coalesce(started_at, ${now})` })
      .where('id', 'in', ids)
      .where('status', 'in', ['queued', 'waiting'])
      .execute();
  },

  async getMany(ex: Db, ids: string[]): Promise<Map<string, RunRow>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('runs').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row]));
  },

  /** The newest run of each recipe (by creation), one query; each lookup is a seek on runs_recipe_created. */
  async latestByRecipe(ex: Db, recipeIds: string[]): Promise<Map<string, Pick<RunRow, 'id' | 'recipe_id' | 'status' | 'created_at' | 'finished_at'>>> {
    if (recipeIds.length === 0) return new Map();
    const newest = ex
      .selectFrom('recipes')
      .where('recipes.id', 'in', recipeIds)
      .select((eb) =>
        eb
          .selectFrom('runs as latest')
          .select('latest.id')
          .whereRef('latest.recipe_id', '=', 'recipes.id')
          .orderBy('latest.created_at', 'desc')
          .orderBy('latest.id', 'desc')
          .limit(1)
          .as('run_id'),
      );
    const rows = await ex
      .selectFrom('runs')
      .select(['id', 'recipe_id', 'status', 'created_at', 'finished_at'])
      .where('id', 'in', newest)
      .execute();
    return new Map(rows.map((row) => [row.recipe_id, row]));
  },

  get(ex: Db, id: string): Promise<RunRow | undefined> {
    return ex.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  },

  list(ex: Db, filter: RunFilter): Promise<RunRow[]> {
    let query = ex.selectFrom('runs').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.recipeId) query = query.where('recipe_id', '=', filter.recipeId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.after !== undefined) query = query.where('created_at', '>=', filter.after);
    if (filter.before !== undefined) query = query.where('created_at', '<', filter.before);
    if (filter.cursor) query = query.where('id', '<', filter.cursor);
    return query.execute();
  },

  step(ex: Db, runId: string, path: string): Promise<RunStepRow | undefined> {
    return ex.selectFrom('run_steps').selectAll().where('run_id', '=', runId).where('path', '=', path).executeTakeFirst();
  },

  steps(ex: Db, runId: string): Promise<RunStepRow[]> {
    return ex.selectFrom('run_steps').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  },

  /** Records a step's state; the (run, path) key makes a retried write replace, never duplicate. */
  async saveStep(ex: Db, row: RunStepRow): Promise<void> {
    await ex
      .insertInto('run_steps')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['run_id', 'path']).doUpdateSet({
          status: row.status,
          input: row.input,
          output: row.output,
          error: row.error,
          attempts: row.attempts,
          started_at: row.started_at,
          finished_at: row.finished_at,
          next_attempt_at: row.next_attempt_at,
        }),
      )
      .execute();
  },

  /**
   * Settles a step that is `waiting` (an approval clicked, a called run ended) with `row`'s outcome. The
   * status check is part of the update, so of two deciders racing (two clicks, a click and the deadline on
   * another process) exactly one wins; false means the step was no longer waiting and nothing changed.
   */
  async settleWaitingStep(ex: Db, row: RunStepRow): Promise<boolean> {
    const result = await ex
      .updateTable('run_steps')
      .set({ status: row.status, output: row.output, error: row.error, finished_at: row.finished_at, next_attempt_at: row.next_attempt_at })
      .where('run_id', '=', row.run_id)
      .where('path', '=', row.path)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async copySteps(ex: Db, rows: RunStepRow[]): Promise<void> {
    if (rows.length > 0) await ex.insertInto('run_steps').values(rows).execute();
  },

  /** Returns false when the run was cancelled (or is gone): cancelling is final and nothing was changed. */
  async setStatus(
    ex: Db,
    id: string,
    changes: { status: string; startedAt?: number; finishedAt?: number; output?: unknown; error?: unknown },
  ): Promise<boolean> {
    const result = await ex
      .updateTable('runs')
      .set({
        status: changes.status,
        ...(changes.startedAt !== undefined && { started_at: sql<number>`coalesce(started_at, ${changes.startedAt})` }),
        ...(changes.finishedAt !== undefined && { finished_at: changes.finishedAt }),
        ...(changes.output !== undefined && { output: toJson(changes.output) }),
        ...(changes.error !== undefined && { error: toJson(changes.error) }),
      })
      .where('id', '=', id)
      // Cancelling is final: a walker that was mid-step when the cancel committed must not revive the run.
      .where('status', '!=', 'cancelled')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /**
   * Cancels a run that has not ended. The check is part of the update, so a cancel racing the run's final
   * commit (on another connection) never turns a finished run into a cancelled one; false when nothing changed.
   */
  async cancel(ex: Db, id: string, now: number): Promise<boolean> {
    const result = await ex
      .updateTable('runs')
      .set({ status: 'cancelled', finished_at: now })
      .where('id', '=', id)
      .where('status', 'not in', finishedRunStatuses)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Ends the steps a run left open (retrying, parked, in flight) when the run itself ended. */
  async closeOpenSteps(ex: Db, runId: string, error: { code: string; message: string }, now: number): Promise<void> {
    await ex
      .updateTable('run_steps')
      .set({ status: 'failed', error: toJson(error), finished_at: now, next_attempt_at: null })
      .where('run_id', '=', runId)
      .where('status', 'in', ['running', 'retrying', 'sleeping', 'waiting'])
      .execute();
  },

  async unfinishedChildren(ex: Db, parentRunId: string): Promise<string[]> {
    const rows = await ex
      .selectFrom('runs')
      .select('id')
      .where('parent_run_id', '=', parentRunId)
      .where('status', 'not in', finishedRunStatuses)
      .execute();
    return rows.map((row) => row.id);
  },

  /** Counts for `/metrics`: runs by status. */
  async countByStatus(ex: Db): Promise<Record<string, number>> {
    const rows = await ex
      .selectFrom('runs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  },

  activeCountForRecipe(ex: Db, recipeId: string, triggerKind: string): Promise<number> {
    return ex
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipe_id', '=', recipeId)
      .where('trigger_kind', '=', triggerKind)
      .where('status', 'in', ['queued', 'running', 'waiting'])
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n));
  },
};
