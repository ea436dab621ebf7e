import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runRepo } from '../storage/run-repo.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

describe('Worker', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false, leaseMs: 500 });
  });
  afterAll(() => system?.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps jobs it claimed but could not read the runs of: they run once the lease expires', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/after-hiccup` } }],
    });
    vi.spyOn(runRepo, 'getMany').mockRejectedValueOnce(Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }));
    const accepted = await system.postWebhook(hookPath, {});
    system.startWorker();
    const run = await system.waitForRun(accepted.body.runId);
    expect(run.status).toBe('succeeded');
    expect(system.sink.hits('/after-hiccup')).toHaveLength(1);
  });
});
