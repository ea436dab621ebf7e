import { describe, expect, it } from 'vitest';
import { countRows } from '../support/inspect-db.js';
import { getRun, publishRecipe, waitForRun } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { sendWebhooks } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';

/** DESIGN §4.3 / core/delay: a wait is stored, not slept, so it survives a crash. */
describe('core/delay across a restart', () => {
  const own = useResources('each');

  it('a 3 s delay survives SIGKILL and the run continues no earlier than the delay allows', async () => {
    const sink = own(await Sink.start());
    const server = own(await SwitchyardProcess.launch());
    const recipe = await publishRecipe(server, {
      name: 'wait, then post',
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'start', use: 'core/http', input: { method: 'POST', url: `${sink.url}/start`, json: { id: '{{trigger.body.id}}' } } },
        { id: 'wait', use: 'core/delay', input: { for: { seconds: 3 } } },
        { id: 'done', use: 'core/http', input: { method: 'POST', url: `${sink.url}/done`, json: { id: '{{trigger.body.id}}' } } },
      ],
    });
    const [answer] = await sendWebhooks(server.baseUrl, recipe.hookPath, [{ body: { id: 'evt_delay' } }], { concurrency: 1 });
    expect(answer!.status).toBe(202);
    const runId = (answer!.body as { runId: string }).runId;

    // Parked on the delay: the run is waiting, the delay step sleeping until a stored moment, the job scheduled then.
    const parked = await waitFor(
      async () => {
        const run = await getRun(server, runId);
        return run.steps.find((s) => s.stepId === 'wait')?.status === 'sleeping' ? run : undefined;
      },
      { timeoutMs: 10_000, what: 'the delay step to be sleeping' },
    );
    expect(parked.status).toBe('waiting');
    const wait = parked.steps.find((s) => s.stepId === 'wait')!;
    const until = wait.nextAttemptAt!;
    expect(until - wait.startedAt!).toBeGreaterThanOrEqual(3000);
    expect(countRows(server.dataDir, 'select count(*) as n from jobs where run_id = ? and run_at = ?', runId, until)).toBe(1);

    const killedAt = Date.now();
    await server.kill('SIGKILL');
    // The delay must span the outage for this test to mean anything.
    expect(killedAt).toBeLessThan(until);
    await server.start();

    const run = await waitForRun(server, runId, 30_000);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['start', 'succeeded'],
      ['wait', 'succeeded'],
      ['done', 'succeeded'],
    ]);
    const [start, waited, done] = run.steps;
    expect(waited!.output).toEqual({ resumedAt: new Date(until).toISOString() });
    // Timestamps recorded by the run (and by the sink), not the test's duration.
    expect(waited!.finishedAt!).toBeGreaterThanOrEqual(until);
    expect(done!.startedAt!).toBeGreaterThanOrEqual(until);
    expect(done!.startedAt! - start!.startedAt!).toBeGreaterThanOrEqual(3000);
    expect(sink.requestsTo('/start')).toHaveLength(1);
    const posted = sink.requestsTo('/done');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.receivedAt).toBeGreaterThanOrEqual(until);
    console.log(`[e2e] delay across restart ${JSON.stringify({ killedBeforeDueMs: until - killedAt, resumedLateMs: done!.startedAt! - until })}`);
  });
});
