import { describe, expect, it } from 'vitest';
import { countRows, queryDb, triggerIdOf } from '../support/inspect-db.js';
import { publishRecipe } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { isAck, sendWebhooks, type DeliveryResult } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess, type ExitInfo } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';

/** Test battery 9: SIGTERM under load. */
describe('graceful SIGTERM under load', () => {
  const own = useResources('each');

  it('exits 0, refuses new work with 503 + Retry-After or a closed socket, and loses nothing acknowledged', async () => {
    const total = 600;
    const sink = own(await Sink.start());
    // Slow steps, so some are in flight when the signal arrives.
    sink.script('/load', [], { delayMs: 100 });
    const server = own(await SwitchyardProcess.launch({ env: { SWITCHYARD_SHUTDOWN_GRACE_MS: '5000' } }));
    const recipe = await publishRecipe(server, {
      name: 'load',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/load`, json: { id: '{{trigger.body.id}}' } } }],
    });
    const triggerId = triggerIdOf(server.dataDir, recipe.id);
    const deliveries = Array.from({ length: total }, (_, i) => ({ body: { id: `evt_${i}` } }));

    let terminatedAt = 0;
    let exit: Promise<ExitInfo> | null = null;
    let acks = 0;
    const phase1 = await sendWebhooks(server.baseUrl, recipe.hookPath, deliveries, {
      concurrency: 20,
      onResult: (result) => {
        if (isAck(result) && ++acks === 200) {
          terminatedAt = Date.now();
          exit = server.terminate();
        }
      },
    });
    expect(exit).not.toBeNull();
    const exited = await exit!;
    const exitedAt = Date.now();
    expect(exited, server.logTail(10)).toEqual({ code: 0, signal: null });
    expect(server.logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);

    // Every answer is a 2xx, a 503 with Retry-After, or no answer at all (connection refused or closed).
    const afterSignal = phase1.filter((r) => r.at >= terminatedAt);
    const refused = phase1.filter((r) => r.status === 503);
    for (const result of refused) expect(result.headers['retry-after']).toMatch(/^\d+$/);
    expect(phase1.filter((r) => r.status !== null && !isAck(r) && r.status !== 503)).toEqual([]);
    const acked = new Set<string>();
    const record = (results: DeliveryResult[], from: typeof deliveries) => {
      for (const result of results) if (isAck(result)) acked.add((from[result.index]!.body as { id: string }).id);
    };
    record(phase1, deliveries);
    const summary = {
      ackedBeforeExit: acked.size,
      answeredAfterSignal: afterSignal.length,
      refused503: refused.length,
      connectionErrors: phase1.filter((r) => r.status === null).length,
      effectsAtExit: sink.effects('/load').size,
      exitMs: exitedAt - terminatedAt,
    };

    // Everything acknowledged before the exit is durable: its run exists and is not lost.
    const before = new Set(queryDb<{ dedupe_key: string }>(server.dataDir, 'select dedupe_key from inbox where source = ?', triggerId).map((r) => r.dedupe_key));
    for (const id of acked) expect(before.has(id), id).toBe(true);
    // Nothing was left leased: the worker finished its in-flight steps or handed them back.
    expect(countRows(server.dataDir, 'select count(*) as n from jobs where lease_owner is not null')).toBe(0);

    await server.start();
    const unacked = deliveries.filter((d) => !acked.has((d.body as { id: string }).id));
    const phase2 = await sendWebhooks(server.baseUrl, recipe.hookPath, unacked, { concurrency: 20 });
    expect(phase2.filter((r) => !isAck(r))).toEqual([]);
    record(phase2, unacked);
    expect(acked.size).toBe(total);

    const byStatus = () =>
      Object.fromEntries(queryDb<{ status: string; n: number }>(server.dataDir, 'select status, count(*) as n from runs where recipe_id = ? group by status', recipe.id).map((r) => [r.status, r.n]));
    await waitFor(() => byStatus().succeeded === total || undefined, { timeoutMs: 60_000, intervalMs: 250, what: `${total} succeeded runs`, describe: byStatus });
    expect(byStatus()).toEqual({ succeeded: total });
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(total);
    const effects = sink.effects('/load');
    expect(effects.size).toBe(total);
    const requests = sink.requestsTo('/load');
    // In-flight steps finished within the grace period instead of being abandoned and sent again.
    expect(requests.length - effects.size).toBe(0);
    console.log(`[e2e] graceful SIGTERM ${JSON.stringify(summary)}`);
  });
});
