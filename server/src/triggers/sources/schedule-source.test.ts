import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../contracts/run.js';
import { startTestSystem, type TestSystem } from '../../test-system.js';

/** Test battery 18, "a job slower than its period": without allowOverlap, runs of one schedule never overlap. */
describe('core/schedule overlap', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  it('skips ticks while the previous run is still going, and fires again once it is done', async () => {
    const recipe = await system.createRecipe(
      {
        trigger: { use: 'core/schedule', input: { cron: '* * * * * *', timezone: 'Europe/Stockholm' } },
        steps: [{ id: 'slow', use: 'core/delay', input: { for: { seconds: 1.5 } } }],
      },
      'Slow every second',
    );
    expect((await system.api('POST', `/recipes/${recipe}/publish`)).status).toBe(200);
    const scheduler = system.wired.startScheduler();
    try {
      await system.waitFor(async () => {
        const runs = (await system.api('GET', `/runs?recipe=${recipe}&status=succeeded`)).body.runs as RunSummary[];
        return runs.length >= 2 ? runs : undefined;
      }, 'two finished scheduled runs', 20_000);
    } finally {
      await scheduler.stop();
    }
    await system.waitFor(async () => {
      const runs = (await system.api('GET', `/runs?recipe=${recipe}`)).body.runs as RunSummary[];
      return runs.every((run) => ['succeeded', 'failed'].includes(run.status)) ? true : undefined;
    }, 'every run to finish');
    const runs = ((await system.api('GET', `/runs?recipe=${recipe}`)).body.runs as RunSummary[]).sort((a, b) => a.createdAt - b.createdAt);
    for (let i = 1; i < runs.length; i++) {
      // Each run was created only after the one before it had finished.
      expect(runs[i]!.createdAt).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!);
    }
  });
});
