import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRun, type PublishedRecipe } from '../support/recipes.js';
import { sendWebhooks } from '../support/send-webhooks.js';
import { Sink, type SinkRequest } from '../support/sink.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';

/** Test battery 13/14 (shortened): throttling and server errors are retried with the same key; a 400 is not. */
describe('retries of core/http against a throttling, failing sink', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let recipe: PublishedRecipe;

  beforeAll(async () => {
    sink = own(await Sink.start());
    server = own(await SwitchyardProcess.launch());
    recipe = await publishRecipe(server, {
      name: 'retrying post',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.case}}' } },
      steps: [
        {
          id: 'post',
          use: 'core/http',
          // A small base delay keeps backoff retries quick; Retry-After still wins over it.
          retry: { maxAttempts: 5, baseDelayMs: 200 },
          input: { method: 'POST', url: `${sink.url}/retry/{{trigger.body.case}}`, json: { case: '{{trigger.body.case}}' } },
        },
      ],
    });
  });


  async function deliver(kase: string): Promise<string> {
    const [answer] = await sendWebhooks(server.baseUrl, recipe.hookPath, [{ body: { case: kase } }], { concurrency: 1 });
    expect(answer!.status).toBe(202);
    return (answer!.body as { runId: string }).runId;
  }

  function expectSameKey(requests: SinkRequest[], stepKey: string): void {
    expect(requests.every((request) => request.idempotencyKey === stepKey)).toBe(true);
  }

  it('honours Retry-After in seconds, in HTTP-date form and ignores garbage; retries 503s; never retries a 400', async () => {
    let dateTarget = 0;
    sink.script('/retry/seconds', [{ status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } }]);
    sink.script('/retry/date', [
      (request) => {
        // HTTP-dates have whole seconds: the next whole second plus 2 s is 2–3 s away.
        dateTarget = Math.ceil(request.receivedAt / 1000) * 1000 + 2000;
        return { status: 429, headers: { 'retry-after': new Date(dateTarget).toUTCString() } };
      },
    ]);
    sink.script('/retry/garbage', [{ status: 429, headers: { 'retry-after': 'whenever you like' } }]);
    sink.script('/retry/unavailable', [{ status: 503 }, { status: 503, body: 'still down' }]);
    sink.script('/retry/bad', [{ status: 400, body: { error: 'invalid amount' } }]);

    const runIds = {
      seconds: await deliver('seconds'),
      date: await deliver('date'),
      garbage: await deliver('garbage'),
      unavailable: await deliver('unavailable'),
      bad: await deliver('bad'),
    };

    // While it waits for the date, the run is parked (no worker held) with the attempt planned for that moment.
    await sink.waitUntil((requests) => requests.some((r) => r.path === '/retry/date'), 10_000, 'the first /retry/date request');
    const parked = await waitFor(
      async () => {
        const run = await getRun(server, runIds.date);
        return run.steps[0]?.status === 'retrying' ? run : undefined;
      },
      { timeoutMs: 5_000, what: 'the date run to park' },
    );
    expect(parked.status).toBe('waiting');
    expect(parked.steps[0]).toMatchObject({ attempts: 1, error: { code: 'HTTP_429', retryable: true } });
    // The delay is measured from the answer and added to the engine's clock a moment later: never earlier.
    expect(parked.steps[0]!.nextAttemptAt).toBeGreaterThanOrEqual(dateTarget);
    expect(parked.steps[0]!.nextAttemptAt).toBeLessThan(dateTarget + 1000);

    const runs = Object.fromEntries(
      await Promise.all(Object.entries(runIds).map(async ([name, id]) => [name, await waitForRun(server, id, 30_000)] as const)),
    );

    for (const name of ['seconds', 'date', 'garbage', 'unavailable'] as const) {
      const run = runs[name]!;
      expect(run.status, `${name}: ${JSON.stringify(run.error)}`).toBe('succeeded');
      expect(run.steps[0]).toMatchObject({ status: 'succeeded', output: { status: 200 } });
      expectSameKey(sink.requestsTo(`/retry/${name}`), run.steps[0]!.idempotencyKey);
    }

    const seconds = sink.requestsTo('/retry/seconds');
    expect(seconds).toHaveLength(2);
    expect(runs.seconds!.steps[0]!.attempts).toBe(2);
    expect(seconds[1]!.receivedAt - seconds[0]!.receivedAt).toBeGreaterThanOrEqual(1000);

    const date = sink.requestsTo('/retry/date');
    expect(date).toHaveLength(2);
    expect(date[1]!.receivedAt).toBeGreaterThanOrEqual(dateTarget);

    expect(sink.requestsTo('/retry/garbage')).toHaveLength(2);
    const unavailable = sink.requestsTo('/retry/unavailable');
    expect(unavailable).toHaveLength(3);
    expect(runs.unavailable!.steps[0]!.attempts).toBe(3);

    const bad = sink.requestsTo('/retry/bad');
    expect(bad).toHaveLength(1);
    expect(runs.bad!.status).toBe('failed');
    expect(runs.bad!.error).toMatchObject({ code: 'HTTP_400' });
    expect(runs.bad!.steps[0]).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'HTTP_400', retryable: false } });
    expect(bad[0]!.idempotencyKey).toBe(runs.bad!.steps[0]!.idempotencyKey);

    // Keys are per (run, step): five runs, five distinct keys.
    expect(sink.effects('/retry/').size).toBe(5);
  });
});
