import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../storage/database.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';
import { Worker } from './worker.js';

/**
 * A process that dies mid-run leaves its lease behind and writes nothing more. In one process that is a
 * worker whose database handle starts failing every write: it can neither record the step it is in, nor
 * renew its lease, nor hand the job back.
 */
function crashableDatabase(database: Database) {
  let crashed = false;
  const handle: Database = {
    ...database,
    write: (work) => (crashed ? Promise.reject(new Error('this process has crashed')) : database.write(work)),
  };
  return { handle, crash: () => (crashed = true) };
}

describe('crash and resume inside one process', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false, leaseMs: 1000 });
  });
  afterAll(() => system?.close());

  it('resumes after the lease expires without re-running finished steps, with the same idempotency key', async () => {
    system.sink.script('/second', { delayMs: 200 });
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'first', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/first` } },
        { id: 'second', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/second`, json: { from: '{{steps.first.output.status}}' } } },
        { id: 'third', use: 'core/formatter', input: { operation: 'text.upper', value: 'after' } },
      ],
    });
    const engine = system.wired.appDeps.engine;
    const storage = crashableDatabase(engine.database);
    const doomed = new Worker({ ...engine, database: storage.handle }, { concurrency: 4, leaseMs: 1000, pollMs: 50 });
    doomed.start();

    const accepted = await system.postWebhook(hookPath, {});
    const runId = accepted.body.runId as string;
    // The second step is calling out: the first is committed, the second is not. Now the process dies.
    await system.waitFor(async () => system.sink.hits('/second')[0], 'the second step to call out');
    storage.crash();
    const mid = await system.waitForRun(runId, () => true);
    expect(mid.status).toBe('running');
    expect(mid.steps.map((step) => [step.path, step.status])).toEqual([['first', 'succeeded']]);
    const [job] = await system.wired.database.db.selectFrom('jobs').selectAll().where('run_id', '=', runId).execute();
    expect(job).toMatchObject({ lease_owner: doomed.owner, attempts: 1 });

    const survivor = system.startWorker();
    const run = await system.waitForRun(runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((step) => [step.path, step.status])).toEqual([
      ['first', 'succeeded'],
      ['second', 'succeeded'],
      ['third', 'succeeded'],
    ]);
    expect(system.sink.hits('/first')).toHaveLength(1);
    const seconds = system.sink.hits('/second');
    expect(seconds).toHaveLength(2);
    expect(seconds[1]!.headers['idempotency-key']).toBe(seconds[0]!.headers['idempotency-key']);
    expect(stepOf(run, 'second').idempotencyKey).toBe(seconds[0]!.headers['idempotency-key']);
    expect(survivor.owner).not.toBe(doomed.owner);
    await doomed.stop(0).catch(() => undefined);
  });

  it('gives up on a run whose job keeps being picked up without progress', async () => {
    for (const worker of system.workers) await worker.stop(0);
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/after-crashes` } }],
    });
    const runId = (await system.postWebhook(hookPath, {})).body.runId as string;
    // Ten claims, each ended by a crash; the last lease has long expired.
    await system.wired.database.write((trx) =>
      trx.updateTable('jobs').set({ attempts: 10, lease_owner: 'wrk_dead', lease_until: 1 }).where('run_id', '=', runId).execute(),
    );
    system.startWorker();
    const run = await system.waitForRun(runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'ENGINE_GAVE_UP' });
    expect(system.sink.hits('/after-crashes')).toHaveLength(0);
  });
});
