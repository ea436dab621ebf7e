import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../contracts/run.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

describe('stopping a worker whose step outlives the grace period', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
  });
  afterAll(() => system?.close());

  it('interrupts the step, parks it for a retry with the same key, and hands the job back at once', async () => {
    system.sink.script('/slow', { delayMs: 5000 });
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'call', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/slow` } }],
    });
    const first = system.startWorker();
    const accepted = await system.postWebhook(hookPath, {});
    await system.waitFor(async () => (system.sink.hits('/slow').length === 1 ? true : undefined), 'the slow call to start');
    // Running from the claim on, not only once the first step has a result.
    expect((await system.api('GET', `/runs/${accepted.body.runId}`)).body.status).toBe('running');

    await first.stop(100);
    const parked = (await system.api('GET', `/runs/${accepted.body.runId}`)).body as RunDetail;
    expect(parked.status).toBe('waiting');
    expect(stepOf(parked, 'call')).toMatchObject({ status: 'retrying', attempts: 1, error: { code: 'WORKER_STOPPING' } });
    const job = await system.wired.database.db.selectFrom('jobs').selectAll().where('run_id', '=', parked.id).executeTakeFirstOrThrow();
    expect(job.lease_owner).toBeNull();

    system.startWorker();
    const done = await system.waitForRun(parked.id);
    expect(done.status).toBe('succeeded');
    const keys = system.sink.hits('/slow').map((hit) => hit.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });
});
