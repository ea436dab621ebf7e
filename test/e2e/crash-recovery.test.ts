import { describe, expect, it } from 'vitest';
import { countRows, queryDb, triggerIdOf } from '../support/inspect-db.js';
import { getRun, publishRecipe, waitForRun } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { isAck, sendWebhooks, type DeliveryResult } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';

const report = (label: string, data: Record<string, unknown>) => console.log(`[e2e] ${label} ${JSON.stringify(data)}`);

/** Test battery 6 and 7: SIGKILL while deliveries are queued and while a step is in flight. */
describe('kill -9 and restart', () => {
  const own = useResources('each');

  it('loses nothing acknowledged: 1,000 deliveries, killed mid-ingest and mid-drain, each posted once per key', async () => {
    const total = 1000;
    const sink = own(await Sink.start());
    // Slow enough that work piles up behind the sink while the server is killed.
    sink.script('/drain', [], { delayMs: 20 });
    const server = own(await SwitchyardProcess.launch({ env: { SWITCHYARD_WORKER_CONCURRENCY: '8' } }));
    const recipe = await publishRecipe(server, {
      name: 'drain to the sink',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/drain`, json: { id: '{{trigger.body.id}}' } } }],
    });
    const triggerId = triggerIdOf(server.dataDir, recipe.id);
    const deliveries = Array.from({ length: total }, (_, i) => ({ body: { id: `evt_${String(i).padStart(4, '0')}` } }));
    const acked = new Map<string, string>(); // event id → run id from the acknowledgement
    const record = (results: DeliveryResult[], from: typeof deliveries) => {
      for (const result of results) {
        if (!isAck(result)) continue;
        acked.set((from[result.index]!.body as { id: string }).id, (result.body as { runId: string }).runId);
      }
    };

    // Phase 1: ingest at 20 in flight; SIGKILL once 400 are acknowledged, while the rest keep coming.
    const ingestStart = Date.now();
    let killedAt = 0;
    let kill: Promise<unknown> | null = null;
    let acks = 0;
    const phase1 = await sendWebhooks(server.baseUrl, recipe.hookPath, deliveries, {
      concurrency: 20,
      onResult: (result) => {
        if (isAck(result) && ++acks === 400) {
          killedAt = Date.now();
          kill = server.kill('SIGKILL');
        }
      },
    });
    await kill;
    record(phase1, deliveries);
    const firstKill = { ackedBeforeKill: acked.size, sinkEffectsAtKill: sink.effects('/drain').size, msToKill: killedAt - ingestStart };
    expect(acked.size).toBeGreaterThanOrEqual(400);
    expect(acked.size).toBeLessThan(total);
    // Only network failures: nothing was refused while the server was up.
    expect(phase1.filter((r) => r.status !== null && !isAck(r))).toEqual([]);

    // Restart on the same data dir; the sender retries everything it got no 2xx for.
    await server.start();
    const unacked = deliveries.filter((d) => !acked.has((d.body as { id: string }).id));
    const phase2Start = Date.now();
    const phase2 = await sendWebhooks(server.baseUrl, recipe.hookPath, unacked, { concurrency: 20 });
    const phase2Ingest = { deliveries: unacked.length, ms: Date.now() - phase2Start };
    expect(phase2.filter((r) => !isAck(r))).toEqual([]);
    // A delivery committed just before the kill, but never acknowledged, comes back as a duplicate of its run.
    const lateDuplicates = phase2.filter((r) => (r.body as { duplicate: boolean }).duplicate).length;
    record(phase2, unacked);
    expect(acked.size).toBe(total);

    // Phase 2: every delivery is acknowledged and most of them are still queued: SIGKILL again, mid-drain.
    const secondKill = { acked: acked.size, effectsAtKill: sink.effects('/drain').size };
    expect(secondKill.effectsAtKill, 'the drain should still be going when all deliveries are acknowledged').toBeLessThan(total);
    await server.kill('SIGKILL');
    const restartedAt = Date.now();
    await server.start();

    const byStatus = () =>
      Object.fromEntries(queryDb<{ status: string; n: number }>(server.dataDir, 'select status, count(*) as n from runs where recipe_id = ? group by status', recipe.id).map((r) => [r.status, r.n]));
    await waitFor(() => byStatus().succeeded === total || undefined, { timeoutMs: 90_000, intervalMs: 250, what: `${total} succeeded runs`, describe: byStatus });
    const drainedAt = Date.now();

    // Storage: one inbox row and one run per event, all succeeded, no job left behind.
    expect(byStatus()).toEqual({ succeeded: total });
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(total);
    expect(countRows(server.dataDir, 'select count(*) as n from jobs where recipe_id = ?', recipe.id)).toBe(0);
    const rows = queryDb<{ dedupe_key: string; run_id: string; status: string; step_status: string; idempotency_key: string }>(
      server.dataDir,
      `select i.dedupe_key, i.run_id, r.status, s.status as step_status, s.idempotency_key
         from inbox i join runs r on r.id = i.run_id join run_steps s on s.run_id = r.id and s.path = 'post'
        where i.source = ?`,
      triggerId,
    );
    expect(rows).toHaveLength(total);
    const runOf = new Map(rows.map((row) => [row.dedupe_key, row]));
    for (const [eventId, runId] of acked) {
      const row = runOf.get(eventId);
      expect(row?.run_id, eventId).toBe(runId);
      expect(row?.status).toBe('succeeded');
      expect(row?.step_status).toBe('succeeded');
    }

    // The sink: exactly one effect per event; a repeated call always carried the same key.
    const requests = sink.requestsTo('/drain');
    const effects = sink.effects('/drain');
    expect(effects.size).toBe(total);
    const keysPerEvent = new Map<string, Set<string>>();
    for (const request of requests) {
      const id = (request.json as { id: string }).id;
      const keys = keysPerEvent.get(id) ?? new Set<string>();
      keys.add(request.idempotencyKey!);
      keysPerEvent.set(id, keys);
    }
    expect(keysPerEvent.size).toBe(total);
    expect([...keysPerEvent.values()].filter((keys) => keys.size !== 1)).toEqual([]);
    for (const row of rows) expect(keysPerEvent.get(row.dedupe_key)?.has(row.idempotency_key)).toBe(true);

    report('kill -9 with 1,000 deliveries', {
      firstKill,
      lateDuplicates,
      phase2Ingest,
      secondKill,
      sinkRequests: requests.length,
      repeatedCalls: requests.length - effects.size,
      drainAfterSecondRestartMs: drainedAt - restartedAt,
      totalMs: drainedAt - ingestStart,
    });
  });

  it('re-sends a step that was in flight when the server died with the same key, and never repeats finished steps', async () => {
    const sink = own(await Sink.start());
    sink.script('/held', [{ hang: true }]);
    const server = own(await SwitchyardProcess.launch());
    const recipe = await publishRecipe(server, {
      name: 'held step',
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'before', use: 'core/http', input: { method: 'POST', url: `${sink.url}/before`, json: { step: 'before' } } },
        { id: 'held', use: 'core/http', input: { method: 'POST', url: `${sink.url}/held`, json: { step: 'held' } } },
        { id: 'after', use: 'core/http', input: { method: 'POST', url: `${sink.url}/after`, json: { step: 'after' } } },
      ],
    });
    const [answer] = await sendWebhooks(server.baseUrl, recipe.hookPath, [{ body: { order: 42 } }], { concurrency: 1 });
    expect(answer!.status).toBe(202);
    const runId = (answer!.body as { runId: string }).runId;

    await sink.waitUntil((requests) => requests.some((r) => r.path === '/held'), 10_000, 'the held request');
    const during = await getRun(server, runId);
    expect(during.status).toBe('running');
    expect(during.steps.map((s) => [s.stepId, s.status])).toEqual([['before', 'succeeded']]);
    const killedAt = Date.now();
    await server.kill('SIGKILL');
    await server.start();

    const run = await waitForRun(server, runId, 30_000);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['before', 'succeeded'],
      ['held', 'succeeded'],
      ['after', 'succeeded'],
    ]);
    const held = sink.requestsTo('/held');
    expect(held).toHaveLength(2);
    expect(held[1]!.receivedAt).toBeGreaterThan(killedAt);
    expect(held[0]!.idempotencyKey).toBe(held[1]!.idempotencyKey);
    expect(held[1]!.idempotencyKey).toBe(run.steps[1]!.idempotencyKey);
    expect(held[1]!.body).toBe(held[0]!.body);
    // Finished before the crash: not executed again.
    expect(sink.requestsTo('/before')).toHaveLength(1);
    expect(sink.requestsTo('/after')).toHaveLength(1);
    report('kill -9 during a held step', { resentAfterKillMs: held[1]!.receivedAt - killedAt });
  });
});
