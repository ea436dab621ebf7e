import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { queryDb } from '../support/inspect-db.js';
import { publishRecipe } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { Sink, type SinkRequest } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';

const report = (label: string, data: Record<string, unknown>) => console.log(`[e2e] ${label} ${JSON.stringify(data)}`);

/**
 * Outgoing REST hooks across kill -9: the outbox is written in the commit that ends a run (run.succeeded) or
 * records an emit (recipe.emitted), so an event is never lost; and once per subscription and event, so it is
 * never queued twice. A delivery in flight at the kill is sent again after its lease (the receiver sees the same
 * webhook-id, which Standard Webhooks receivers use to drop repeats).
 */
describe('outgoing hooks survive kill -9', () => {
  const own = useResources('each');

  it('delivers every run and emit event after a crash mid-drain; what was in flight comes again with the same webhook-id and body', async () => {
    const total = 40;
    const sink = own(await Sink.start());
    // Slow answers, so deliveries are in flight and queued when the server is killed.
    sink.script('/zap/runs', [], { status: 200, delayMs: 150 });
    sink.script('/zap/emits', [], { status: 200, delayMs: 150 });
    const server = own(await SwitchyardProcess.launch());
    const recipe = await publishRecipe(server, {
      name: 'Ticks for Zapier',
      trigger: { use: 'core/manual' },
      steps: [{ id: 'tick', use: 'core/emit', input: { name: 'tick', payload: { n: '{{trigger.body.n}}' } } }],
    });
    const subscribe = async (path: string, event: string) => {
      const created = await server.api<{ id: string; secret: string }>('POST', '/hooks/subscriptions', { target_url: `${sink.url}${path}`, event, recipe_id: recipe.id });
      expect(created.status).toBe(201);
      return created.body;
    };
    const runs = await subscribe('/zap/runs', 'run.succeeded');
    const emits = await subscribe('/zap/emits', 'recipe.emitted');

    for (let n = 0; n < total; n++) {
      const answer = await server.api('POST', `/recipes/${recipe.id}/invoke`, { input: { n } });
      expect(answer.status).toBe(202);
    }
    await sink.waitUntil((requests) => requests.length >= 10, 30_000, 'the first deliveries');
    const atKill = sink.requests.length;
    await server.kill('SIGKILL');
    await server.start();

    const byStatus = () => Object.fromEntries(queryDb<{ status: string; n: number }>(server.dataDir, 'select status, count(*) as n from hook_deliveries group by status').map((row) => [row.status, row.n]));
    // A delivery leased by the killed process waits out its lease (30 s) before it is sent again.
    await waitFor(() => byStatus()['succeeded'] === 2 * total || undefined, { timeoutMs: 90_000, intervalMs: 250, what: 'every delivery succeeded', describe: byStatus });

    const runStatuses = queryDb<{ status: string; n: number }>(server.dataDir, 'select status, count(*) as n from runs where recipe_id = ? group by status', recipe.id);
    expect(runStatuses).toEqual([{ status: 'succeeded', n: total }]);
    expect(byStatus()).toEqual({ succeeded: 2 * total });
    // One outbox row per subscription and event: nothing doubled by the restart.
    const rows = queryDb<{ subscription_id: string; event_key: string }>(server.dataDir, 'select subscription_id, event_key from hook_deliveries');
    expect(new Set(rows.map((row) => `${row.subscription_id} ${row.event_key}`)).size).toBe(2 * total);

    const check = (path: string, secret: string) => {
      const requests = sink.requestsTo(path);
      const bodies = new Map<string, string>();
      for (const request of requests) {
        new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
        const id = header(request, 'webhook-id');
        // A repeat of a webhook-id (sent again after the crash) carries the very same body.
        expect(bodies.get(id) ?? request.body).toBe(request.body);
        bodies.set(id, request.body);
      }
      return { requests: requests.length, ids: bodies.size, bodies: [...bodies.values()].map((body) => JSON.parse(body) as { type: string; data: Record<string, unknown> }) };
    };
    const runEvents = check('/zap/runs', runs.secret);
    const emitEvents = check('/zap/emits', emits.secret);
    expect(runEvents.ids).toBe(total);
    expect(emitEvents.ids).toBe(total);
    expect(new Set(runEvents.bodies.map((body) => (body.data['run'] as { id: string }).id)).size).toBe(total);
    expect(emitEvents.bodies.map((body) => (body.data['payload'] as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, n) => n));
    report('outgoing hooks, kill -9 mid-drain', {
      events: 2 * total,
      receivedBeforeKill: atKill,
      requests: runEvents.requests + emitEvents.requests,
      repeatedAfterCrash: runEvents.requests + emitEvents.requests - 2 * total,
    });
  });
});

function header(request: SinkRequest, name: string): string {
  const value = request.headers[name];
  if (typeof value !== 'string') throw new Error(`the delivery has no ${name} header`);
  return value;
}
