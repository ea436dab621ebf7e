import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, triggerIdOf } from '../support/inspect-db.js';
import { publishRecipe, waitForRuns } from '../support/recipes.js';
import { sendWebhooks, type DeliveryResult } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

/** Test battery 21: the same delivery many times, one after another and all at once, is one run. */
describe('duplicate deliveries make one run', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;

  beforeAll(async () => {
    sink = own(await Sink.start());
    server = own(await SwitchyardProcess.launch());
  });


  function expectOneRun(answers: DeliveryResult[]): string {
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(200);
    for (const answer of answers) expect(answer.status).toBeLessThan(300);
    const bodies = answers.map((answer) => answer.body as { runId: string; duplicate: boolean });
    expect(bodies.filter((body) => !body.duplicate)).toHaveLength(1);
    const runIds = new Set(bodies.map((body) => body.runId));
    expect(runIds.size).toBe(1);
    return [...runIds][0]!;
  }

  it('dedupes Standard Webhooks deliveries by webhook-id: 5× sequentially and 50× concurrently, fresh signatures each time', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const signer = new Webhook(secret);
    const recipe = await publishRecipe(server, {
      name: 'signed deliveries',
      trigger: { use: 'core/webhook', input: { verification: { scheme: 'standard-webhooks', secret } } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/signed`, json: { id: '{{trigger.body.id}}' } } }],
    });
    const signed = (msgId: string, body: unknown) => {
      const payload = JSON.stringify(body);
      const timestamp = new Date();
      return {
        body: payload,
        headers: {
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signer.sign(msgId, timestamp, payload),
        },
      };
    };

    // Sequentially: each one is signed anew when it is sent.
    const sequential: DeliveryResult[] = [];
    for (let i = 0; i < 5; i++) {
      sequential.push(...(await sendWebhooks(server.baseUrl, recipe.hookPath, [signed('msg_sequential', { id: 'evt_seq' })], { concurrency: 1 })));
    }
    const sequentialRun = expectOneRun(sequential);
    expect((sequential[0]!.body as { duplicate: boolean }).duplicate).toBe(false);

    const concurrent = await sendWebhooks(
      server.baseUrl,
      recipe.hookPath,
      Array.from({ length: 50 }, () => signed('msg_concurrent', { id: 'evt_conc' })),
      { concurrency: 50 },
    );
    const concurrentRun = expectOneRun(concurrent);
    expect(concurrentRun).not.toBe(sequentialRun);

    // A tampered copy of the same delivery is refused and leaves no row behind.
    const forged = signed('msg_forged', { id: 'evt_forged' });
    const refused = await sendWebhooks(server.baseUrl, recipe.hookPath, [{ ...forged, body: forged.body.replace('forged', 'f0rged') }], { concurrency: 1 });
    expect(refused[0]!.status).toBe(401);

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.map((run) => run.id).sort()).toEqual([sequentialRun, concurrentRun].sort());
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    const triggerId = triggerIdOf(server.dataDir, recipe.id);
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(2);
    expect(countRows(server.dataDir, "select count(*) as n from inbox where source = ? and dedupe_key = 'msg_concurrent'", triggerId)).toBe(1);
    expect(countRows(server.dataDir, 'select count(*) as n from runs where recipe_id = ?', recipe.id)).toBe(2);
    expect(sink.requestsTo('/signed')).toHaveLength(2);
    expect(sink.effects('/signed').size).toBe(2);
  });

  it('dedupes by a body path: the same id 5× sequentially and 50× concurrently', async () => {
    const recipe = await publishRecipe(server, {
      name: 'dedupe by body id',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.order.id}}' } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/by-body`, json: { id: '{{trigger.body.order.id}}' } } }],
    });
    const sequential: DeliveryResult[] = [];
    for (let i = 0; i < 5; i++) {
      sequential.push(...(await sendWebhooks(server.baseUrl, recipe.hookPath, [{ body: { order: { id: 'o-1' }, attempt: i } }], { concurrency: 1 })));
    }
    const first = expectOneRun(sequential);
    const concurrent = await sendWebhooks(
      server.baseUrl,
      recipe.hookPath,
      Array.from({ length: 50 }, (_, attempt) => ({ body: { order: { id: 'o-2' }, attempt } })),
      { concurrency: 50 },
    );
    const second = expectOneRun(concurrent);
    expect(second).not.toBe(first);

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs).toHaveLength(2);
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerIdOf(server.dataDir, recipe.id))).toBe(2);
    expect(sink.requestsTo('/by-body').map((request) => request.json).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { id: 'o-1' },
      { id: 'o-2' },
    ]);
    expect(sink.effects('/by-body').size).toBe(2);
  });
});
