import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, waitForRuns } from '../support/recipes.js';
import { sendWebhooks } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

/** DESIGN §9's example recipe, through the CLI: import, publish, export, runs list. */
describe('webhook → core/filter → core/http POST to a sink', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;

  beforeAll(async () => {
    sink = own(await Sink.start());
    server = own(await SwitchyardProcess.launch());
  });


  it('delivers passing events once with an Idempotency-Key, stops failing ones, and lists every run', async () => {
    const recipeFile = {
      name: 'Big orders to the sink',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [
        { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: 100 }] } },
        {
          id: 'post',
          use: 'core/http',
          input: { method: 'POST', url: `${sink.url}/sink`, json: { id: '{{trigger.body.id}}', amount: '{{trigger.body.amount}}' } },
        },
      ],
    };
    const file = join(server.dataDir, 'big-orders.json');
    await writeFile(file, JSON.stringify(recipeFile));

    const imported = await server.cli(['recipes', 'import', file]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const recipeId = imported.stdout.trim();
    expect(recipeId).toMatch(/^rcp_/);

    const published = await server.cli(['recipes', 'publish', recipeId]);
    expect(published.code).toBe(0);
    const trigger = JSON.parse(published.stdout) as { kind: string; webhookUrl: string };
    expect(trigger.kind).toBe('core/webhook');
    expect(trigger.webhookUrl).toMatch(new RegExp(`^${server.baseUrl}/hooks/[A-Za-z0-9_-]{16,64}$`));

    const exported = await server.cli(['recipes', 'export', recipeId]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(recipeFile);

    const events = [
      { id: 'ord_1', amount: 50 },
      { id: 'ord_2', amount: 150 },
      { id: 'ord_3', amount: 100 },
      { id: 'ord_4', amount: 101 },
      { id: 'ord_5', amount: 1000 },
    ];
    const passing = events.filter((event) => event.amount > 100);
    const answers = await sendWebhooks(server.baseUrl, new URL(trigger.webhookUrl).pathname, events.map((body) => ({ body })), { concurrency: 5 });
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({ accepted: true, duplicate: false, runId: expect.stringMatching(/^run_/) });
    }

    const runs = await waitForRuns(server, recipeId, events.length);
    expect(runs).toHaveLength(events.length);
    // A filter that does not pass ends the run successfully, not as a failure.
    expect(runs.map((run) => run.status)).toEqual(events.map(() => 'succeeded'));

    const posted = sink.requestsTo('/sink');
    expect(posted).toHaveLength(passing.length);
    expect(posted.map((request) => request.json).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(passing);
    expect(sink.effects('/sink').size).toBe(passing.length);
    for (const request of posted) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.idempotencyKey).toMatch(/\S{8,}/);
    }

    for (const [index, answer] of answers.entries()) {
      const event = events[index]!;
      const run = await getRun(server, (answer.body as { runId: string }).runId);
      expect(run.status).toBe('succeeded');
      expect((run.trigger as { body: unknown }).body).toEqual(event);
      const [big, post] = run.steps;
      expect(big).toMatchObject({ stepId: 'big', status: 'succeeded', output: { passed: event.amount > 100 } });
      if (event.amount > 100) {
        const request = posted.find((r) => (r.json as { id: string }).id === event.id)!;
        expect(post).toMatchObject({ stepId: 'post', status: 'succeeded', attempts: 1, sideEffect: true, output: { status: 200 } });
        expect(post!.idempotencyKey).toBe(request.idempotencyKey);
      } else {
        expect(post).toMatchObject({ stepId: 'post', status: 'skipped' });
      }
    }

    // The same runs through the API listing and through `switchyard runs list`.
    expect((await listRuns(server, recipeId, 'succeeded')).map((run) => run.id).sort()).toEqual(runs.map((run) => run.id).sort());
    const listed = await server.cli(['runs', 'list', '--recipe', recipeId]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(events.length);
    for (const run of runs) expect(lines.find((line) => line.startsWith(run.id))).toMatch(/\ssucceeded\s/);
  });
});
