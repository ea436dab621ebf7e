import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, isFinished, publishRecipe, waitForRun, type PublishedRecipe } from '../support/recipes.js';
import { sendWebhooks } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

/** core/code computes on a worker thread: a busy loop in a recipe does not stop the server answering. */
describe('core/code with an endless loop', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let recipe: PublishedRecipe;

  beforeAll(async () => {
    sink = own(await Sink.start());
    server = own(await SwitchyardProcess.launch());
    recipe = await publishRecipe(server, {
      name: 'loops when asked',
      trigger: { use: 'core/webhook' },
      steps: [
        {
          id: 'compute',
          use: 'core/code',
          input: {
            // The fetch (served by the main thread, through the egress guard) tells the test the loop begins now.
            code: "if (input.mode === 'loop') { await fetch(input.sink + '/looping'); while (true) {} } return 'done'",
            input: { mode: '{{trigger.body.mode}}', sink: sink.url },
            cpuMs: 2000,
          },
        },
      ],
    });
  });


  async function deliver(mode: string): Promise<string> {
    const [answer] = await sendWebhooks(server.baseUrl, recipe.hookPath, [{ body: { mode } }], { concurrency: 1 });
    expect(answer!.status).toBe(202);
    return (answer!.body as { runId: string }).runId;
  }

  it('answers /healthz and acknowledges webhooks while the loop runs, then fails the loop with CODE_TIMEOUT', async () => {
    const loopRunId = await deliver('loop');
    await sink.waitUntil((requests) => requests.some((request) => request.path === '/looping'), 10_000, 'the loop to begin');

    const asked = Date.now();
    const health = await server.get('/healthz');
    const healthMs = Date.now() - asked;
    expect(health.status).toBe(200);
    const quickRunId = await deliver('quick');
    const acknowledgedMs = Date.now() - asked;
    // Both answers came while the loop was still going (its CPU budget is 2 s).
    expect(isFinished((await getRun(server, loopRunId)).status)).toBe(false);
    console.log(`[e2e] during a core/code loop: /healthz answered in ${healthMs} ms, a webhook was acknowledged after ${acknowledgedMs} ms`);

    const looped = await waitForRun(server, loopRunId);
    expect(looped.status).toBe('failed');
    expect(looped.steps[0]?.error).toMatchObject({ code: 'CODE_TIMEOUT', message: 'the code used more than 2000 ms of CPU time' });
    const quick = await waitForRun(server, quickRunId);
    expect(quick.status).toBe('succeeded');
    expect(quick.steps[0]?.output).toMatchObject({ result: 'done' });
    // The second sandbox thread ran it meanwhile; with code on the main thread it could only start after the loop.
    expect(quick.finishedAt!).toBeLessThan(looped.finishedAt!);
  });
});
