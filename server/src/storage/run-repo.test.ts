import { describe, expect, it } from 'vitest';
import { createId } from './create-id.js';
import { runRepo, type NewRun } from './run-repo.js';
import type { RunStepRow } from './tables.js';
import { dialects, useMigratedDatabase, seedRecipe } from './test-databases.js';

describe.each(dialects)('runRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  async function recipeWithRuns(times: number[], triggerKind = 'core/webhook') {
    const { recipe, version } = await seedRecipe(database);
    const newRun = (now: number): NewRun => ({
      id: createId('run', now), recipeId: recipe.id, versionId: version.id, triggerKind, event: { now }, deadlineAt: null,
    });
    const runIds: string[] = [];
    for (const now of times) runIds.push(...(await database.write((trx) => runRepo.createMany(trx, [newRun(now)], now))));
    return { recipe, version, runIds };
  }

  const step = (runId: string, path: string, seq: number, changes: Partial<RunStepRow> = {}): RunStepRow => ({
    run_id: runId, path, seq, step_id: `s${seq}`, use: 'core/http', status: 'running', input: '{"a":1}', output: null,
    error: null, attempts: 1, idempotency_key: `${runId}:${path}`, side_effect: 1, started_at: 10, finished_at: null,
    next_attempt_at: null, ...changes,
  });

  it('creates runs with their first jobs, and nothing for an empty list', async () => {
    const { recipe, runIds } = await recipeWithRuns([1_000, 1_000]);
    const jobs = await database.db.selectFrom('jobs').selectAll().where('recipe_id', '=', recipe.id).execute();
    expect(jobs.map((job) => job.run_id).sort()).toEqual([...runIds].sort());
    expect(await runRepo.get(database.db, runIds[0]!)).toMatchObject({ status: 'queued', started_at: null, deadline_at: null });
    expect(await database.write((trx) => runRepo.createMany(trx, [], 1_000))).toEqual([]);
  });

  it('latestByRecipe finds the newest run of each recipe in one query, none for a recipe without runs', async () => {
    const busy = await recipeWithRuns([3_000, 1_000, 2_000]);
    const idle = await seedRecipe(database);
    const latest = await runRepo.latestByRecipe(database.db, [busy.recipe.id, idle.recipe.id]);
    expect([...latest.keys()]).toEqual([busy.recipe.id]);
    expect(latest.get(busy.recipe.id)).toMatchObject({ id: busy.runIds[0], status: 'queued', created_at: 3_000, finished_at: null });
    expect(await runRepo.latestByRecipe(database.db, [])).toEqual(new Map());
  });

  it('saveStep replaces the row for a (run, path) instead of adding one; steps come back in order', async () => {
    const { runIds } = await recipeWithRuns([1_000]);
    const runId = runIds[0]!;
    await database.write(async (trx) => {
      await runRepo.saveStep(trx, step(runId, '1', 1));
      await runRepo.saveStep(trx, step(runId, '0', 0));
    });
    const done = step(runId, '1', 1, { status: 'succeeded', output: '{"ok":true}', attempts: 3, finished_at: 20 });
    await database.write((trx) => runRepo.saveStep(trx, done));
    const steps = await runRepo.steps(database.db, runId);
    expect(steps.map((row) => row.path)).toEqual(['0', '1']);
    expect(steps[1]).toEqual(done);
  });

  it('copySteps copies recorded steps to another run', async () => {
    const { runIds } = await recipeWithRuns([1_000, 1_001]);
    const [original, replay] = runIds as [string, string];
    await database.write((trx) => runRepo.saveStep(trx, step(original, '0', 0, { status: 'succeeded' })));
    const recorded = await runRepo.steps(database.db, original);
    await database.write((trx) => runRepo.copySteps(trx, recorded.map((row) => ({ ...row, run_id: replay }))));
    await database.write((trx) => runRepo.copySteps(trx, []));
    expect(await runRepo.steps(database.db, replay)).toEqual([{ ...recorded[0], run_id: replay }]);
  });

  it('setStatus keeps the first start time and stores output and error as JSON', async () => {
    const { runIds } = await recipeWithRuns([1_000]);
    const id = runIds[0]!;
    await database.write((trx) => runRepo.setStatus(trx, id, { status: 'running', startedAt: 2_000 }));
    await database.write((trx) => runRepo.setStatus(trx, id, { status: 'running', startedAt: 3_000 }));
    await database.write((trx) => runRepo.setStatus(trx, id, { status: 'failed', finishedAt: 4_000, output: { n: 1 }, error: { code: 'BOOM' } }));
    const run = await runRepo.get(database.db, id);
    expect(run).toMatchObject({ status: 'failed', started_at: 2_000, finished_at: 4_000, output: '{"n":1}', error: '{"code":"BOOM"}' });
  });

  it('never moves a cancelled run to another status, and says so', async () => {
    const { runIds } = await recipeWithRuns([1_000]);
    const runId = runIds[0]!;
    expect(await database.write((trx) => runRepo.setStatus(trx, runId, { status: 'cancelled', finishedAt: 2_000 }))).toBe(true);
    expect(await database.write((trx) => runRepo.setStatus(trx, runId, { status: 'running', startedAt: 3_000 }))).toBe(false);
    expect(await runRepo.get(database.db, runId)).toMatchObject({ status: 'cancelled', started_at: null, finished_at: 2_000 });
    expect(await database.write((trx) => runRepo.setStatus(trx, 'run_missing', { status: 'running' }))).toBe(false);
  });

  it('cancels only a run that has not ended', async () => {
    const { runIds } = await recipeWithRuns([1_000, 1_000]);
    const [active, done] = runIds as [string, string];
    await database.write((trx) => runRepo.setStatus(trx, done, { status: 'succeeded', finishedAt: 2_000 }));
    expect(await database.write((trx) => runRepo.cancel(trx, active, 3_000))).toBe(true);
    expect(await database.write((trx) => runRepo.cancel(trx, done, 3_000))).toBe(false);
    expect(await runRepo.get(database.db, active)).toMatchObject({ status: 'cancelled', finished_at: 3_000 });
    expect(await runRepo.get(database.db, done)).toMatchObject({ status: 'succeeded', finished_at: 2_000 });
  });

  it('settles a waiting step once: the second decision finds it settled and changes nothing', async () => {
    const { runIds } = await recipeWithRuns([1_000]);
    const runId = runIds[0]!;
    await database.write((trx) => runRepo.saveStep(trx, step(runId, 'ask', 0, { status: 'waiting', next_attempt_at: 9_000 })));
    const decide = (output: string) =>
      database.write((trx) => runRepo.settleWaitingStep(trx, step(runId, 'ask', 0, { status: 'succeeded', output, finished_at: 20 })));
    expect(await decide('"approve"')).toBe(true);
    expect(await decide('"reject"')).toBe(false);
    expect(await runRepo.step(database.db, runId, 'ask')).toMatchObject({ status: 'succeeded', output: '"approve"', next_attempt_at: null });
    expect(await runRepo.step(database.db, runId, 'missing')).toBeUndefined();
  });

  it('lists newest first with recipe, status and time filters and a cursor', async () => {
    const { recipe, runIds } = await recipeWithRuns([1_000, 2_000, 3_000, 4_000, 5_000]);
    await recipeWithRuns([3_500]);
    const newestFirst = [...runIds].reverse();
    const page = (cursor?: string) => runRepo.list(database.db, { recipeId: recipe.id, cursor, limit: 2 });
    const first = await page();
    const second = await page(first.at(-1)!.id);
    const third = await page(second.at(-1)!.id);
    expect([first, second, third].map((rows) => rows.map((row) => row.id))).toEqual([
      newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4),
    ]);

    const window = await runRepo.list(database.db, { recipeId: recipe.id, after: 2_000, before: 4_000, limit: 10 });
    expect(window.map((row) => row.created_at)).toEqual([3_000, 2_000]);

    await database.write((trx) => runRepo.setStatus(trx, runIds[1]!, { status: 'succeeded' }));
    const succeeded = await runRepo.list(database.db, { recipeId: recipe.id, status: 'succeeded', limit: 10 });
    expect(succeeded.map((row) => row.id)).toEqual([runIds[1]]);
  });

  it('counts runs by status as numbers, and active runs per recipe and trigger kind', async () => {
    const before = await runRepo.countByStatus(database.db);
    const { recipe, runIds } = await recipeWithRuns([1_000, 1_000, 1_000], 'core/schedule');
    await database.write(async (trx) => {
      await runRepo.setStatus(trx, runIds[0]!, { status: 'running' });
      await runRepo.setStatus(trx, runIds[1]!, { status: 'succeeded' });
    });
    const after = await runRepo.countByStatus(database.db);
    expect(after['succeeded']).toBe((before['succeeded'] ?? 0) + 1);
    expect(after['running']).toBe((before['running'] ?? 0) + 1);
    expect(after['queued']).toBe((before['queued'] ?? 0) + 1);
    expect(await runRepo.activeCountForRecipe(database.db, recipe.id, 'core/schedule')).toBe(2);
    expect(await runRepo.activeCountForRecipe(database.db, recipe.id, 'core/webhook')).toBe(0);
  });
});
