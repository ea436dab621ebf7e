import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../contracts/run.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

describe('cancelling a run that called another', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  it('cancels the called run too and closes the waiting step', async () => {
    const child = await system.publish(
      { trigger: { use: 'core/manual' }, steps: [{ id: 'nap', use: 'core/delay', input: { for: { seconds: 30 } } }] },
      'Slow child',
    );
    const parent = await system.publish(
      { trigger: { use: 'core/webhook' }, steps: [{ id: 'sub', use: 'core/sub-recipe', input: { recipe: child.recipeId } }] },
      'Parent',
    );
    const accepted = await system.postWebhook(parent.hookPath, {});
    const waiting = await system.waitForRun(accepted.body.runId, (run: RunDetail) => run.status === 'waiting');
    const childRun = await system.waitFor(async () => {
      const runs = (await system.api('GET', `/runs?recipe=${child.recipeId}`)).body.runs as RunSummary[];
      return runs.find((run) => run.status === 'waiting');
    }, 'the called run to park');

    const cancelled = await system.api('POST', `/runs/${waiting.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const parentAfter = (await system.api('GET', `/runs/${waiting.id}`)).body as RunDetail;
    expect(stepOf(parentAfter, 'sub')).toMatchObject({ status: 'failed', error: { code: 'RUN_CANCELLED' } });
    const childAfter = (await system.api('GET', `/runs/${childRun.id}`)).body as RunDetail;
    expect(childAfter.status).toBe('cancelled');
    expect(stepOf(childAfter, 'nap')).toMatchObject({ status: 'failed', error: { code: 'RUN_CANCELLED' } });
    const jobs = await system.wired.database.db.selectFrom('jobs').select('id').where('run_id', 'in', [waiting.id, childRun.id]).execute();
    expect(jobs).toEqual([]);
  });
});
