import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRecipe } from '../support/recipes.js';
import { isAck, sendWebhooks, type DeliveryResult } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { sleep, waitFor } from '../support/wait-for.js';

// The test package has no @types/pg; this is all of pg used here.
interface PgClient {
  connect(): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  end(): Promise<void>;
}
const pg = createRequire(import.meta.url)('pg') as { Client: new (config: { connectionString: string }) => PgClient };

const adminUrl = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const report = (label: string, data: Record<string, unknown>) => console.log(`[e2e] ${label} ${JSON.stringify(data)}`);

async function withClient<T>(url: string, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Index of the newest "leading" log line at or after `since`, or -1. */
const ledSince = (process: SwitchyardProcess, since: number) => process.logs.findIndex((line, i) => i >= since && line.includes('leading: took the advisory lock'));

/**
 * DESIGN §8 on a real PostgreSQL: two web, three worker and two scheduler processes on one fresh database,
 * sharing the encryption key. 5,000 webhooks over both web processes while a worker and the leading
 * scheduler are killed (SIGKILL) and restarted, and a schedule fires every second throughout.
 */
describe('scale-out on PostgreSQL', () => {
  const name = `sy_scale_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const processes: SwitchyardProcess[] = [];
  let sink: Sink;

  beforeAll(async () => {
    await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
    sink = await Sink.start();
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.dispose()));
    await sink?.close();
    await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('runs every event once, fires each tick once, and leaves no run behind while processes die', async () => {
    const startedAt = Date.now();
    const env = {
      SWITCHYARD_DATABASE_URL: databaseUrl,
      SWITCHYARD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      // Seven processes share PostgreSQL's 100 connections with other tests: a few each.
      SWITCHYARD_DB_POOL: '6',
      SWITCHYARD_WORKER_CONCURRENCY: '32',
    };
    // The first one migrates the database and creates the owner; the others join with its token.
    const web1 = await SwitchyardProcess.create({ env, role: 'web' });
    processes.push(web1);
    const join = async (role: 'web' | 'worker' | 'scheduler') => {
      const p = await SwitchyardProcess.create({ env, role, owner: false });
      p.token = web1.token;
      processes.push(p);
      return p;
    };
    const [web2, worker1, worker2, worker3, scheduler1, scheduler2] = await Promise.all([
      join('web'),
      join('worker'),
      join('worker'),
      join('worker'),
      join('scheduler'),
      join('scheduler'),
    ]);
    await web1.start();
    await Promise.all([web2, worker1, worker2, worker3, scheduler1, scheduler2].map((p) => p!.start()));
    const schedulers = [scheduler1!, scheduler2!];
    await waitFor(() => schedulers.some((s) => ledSince(s, 0) >= 0) || undefined, { timeoutMs: 15_000, what: 'a scheduler to lead' });
    expect(schedulers.filter((s) => ledSince(s, 0) >= 0)).toHaveLength(1);

    const hooks = await publishRecipe(web1, {
      name: 'webhook to sink',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/hook`, json: { id: '{{trigger.body.id}}' } } }],
    });
    const ticks = await publishRecipe(web2!, {
      name: 'every second',
      // Overlap allowed: every tick starts a run even while the queue is long, so every tick is checked.
      trigger: { use: 'core/schedule', input: { intervalSeconds: 1, allowOverlap: true } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/tick`, json: { at: '{{trigger.scheduledAt}}' } } }],
    });

    // 5,000 events, alternately to each web process; a worker dies at 1,000 acks, the leading scheduler at 2,000.
    const total = 5000;
    const deliveries = Array.from({ length: total }, (_, i) => ({ body: { id: `evt_${i}` } }));
    let acks = 0;
    const chaos: Promise<unknown>[] = [];
    let schedulerKill: { killed: SwitchyardProcess; at: number; since: Map<SwitchyardProcess, number> } | null = null;
    const onResult = (result: DeliveryResult) => {
      if (!isAck(result)) return;
      acks++;
      if (acks === 1000) chaos.push(worker1!.restart('SIGKILL'));
      if (acks === 2000) {
        const leader = schedulers.find((s) => ledSince(s, 0) >= 0 && s.running)!;
        schedulerKill = { killed: leader, at: Date.now(), since: new Map(schedulers.map((s) => [s, s.logs.length])) };
        chaos.push(leader.restart('SIGKILL'));
      }
    };
    const sendStart = Date.now();
    const halves = [0, 1].map((half) => deliveries.filter((_, i) => i % 2 === half));
    const [toWeb1, toWeb2] = await Promise.all([
      sendWebhooks(web1.baseUrl, hooks.hookPath, halves[0]!, { concurrency: 16, onResult }),
      sendWebhooks(web2!.baseUrl, hooks.hookPath, halves[1]!, { concurrency: 16, onResult }),
    ]);
    const sendMs = Date.now() - sendStart;
    await Promise.all(chaos);
    expect([...toWeb1, ...toWeb2].filter((r) => !isAck(r)).map((r) => r.status ?? r.error)).toEqual([]);

    // Someone takes over the schedule (the follower at its next try once the dead session is gone, or the restarted one).
    const kill = schedulerKill as { killed: SwitchyardProcess; at: number; since: Map<SwitchyardProcess, number> } | null;
    expect(kill).not.toBeNull();
    const newLeader = await waitFor(
      () => {
        for (const s of schedulers) {
          const line = ledSince(s, kill!.since.get(s)!);
          if (line >= 0) return s.logs[line]!;
        }
        return undefined;
      },
      { timeoutMs: 20_000, what: 'a scheduler to lead again after the leader was killed' },
    );
    // From the kill to the new leader's log line (pino's time), which may have come while webhooks were still sent.
    const takeoverMs = (JSON.parse(newLeader) as { time: number }).time - kill!.at;

    await sink.waitUntil(() => sink.effects('/hook').size >= total, 120_000, `${total} effects at the sink`);
    // A few more ticks after the take-over, then the schedule is unpublished so everything can finish.
    const ticksAfterTakeover = () => sink.requestsTo('/tick').filter((r) => r.receivedAt > kill!.at).length;
    await waitFor(() => ticksAfterTakeover() >= 2 || undefined, { timeoutMs: 20_000, what: 'ticks after the take-over' });
    expect((await web1.api('POST', `/recipes/${ticks.id}/unpublish`, {})).status).toBe(200);

    const db = <T>(sql: string, params: unknown[] = []) => withClient(databaseUrl, async (c) => (await c.query<T>(sql, params)).rows);
    const unfinished = () => db<{ n: number }>(`SELECT count(*)::int AS n FROM runs WHERE status NOT IN ('succeeded', 'failed', 'cancelled')`).then((r) => r[0]!.n);
    await waitFor(async () => ((await unfinished()) === 0 ? true : undefined), { timeoutMs: 60_000, intervalMs: 250, what: 'every run to finish', describe: unfinished });
    const drainedMs = Date.now() - sendStart;

    // Webhooks: one run per event, all succeeded; at the sink one effect per event, repeats only with the same key.
    const hookRuns = await db<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM runs WHERE recipe_id = $1 GROUP BY status', [hooks.id]);
    expect(hookRuns).toEqual([{ status: 'succeeded', n: total }]);
    const keysPerEvent = new Map<string, Set<string>>();
    for (const request of sink.requestsTo('/hook')) {
      const id = (request.json as { id: string }).id;
      keysPerEvent.set(id, (keysPerEvent.get(id) ?? new Set()).add(request.idempotencyKey ?? 'none'));
    }
    expect(keysPerEvent.size).toBe(total);
    expect([...keysPerEvent].filter(([, keys]) => keys.size !== 1)).toEqual([]);
    expect(sink.effects('/hook').size).toBe(total);

    // The schedule: one run per scheduled time, and each time reached the sink under one key.
    const tickRuns = await db<{ at: string; n: number }>(
      `SELECT trigger_event::json->>'scheduledAt' AS at, count(*)::int AS n FROM runs WHERE recipe_id = $1 GROUP BY 1`,
      [ticks.id],
    );
    expect(tickRuns.filter((row) => row.n !== 1)).toEqual([]);
    // And none was skipped across the take-over: one run for every second from the first tick to the last.
    const times = tickRuns.map((row) => Date.parse(row.at)).sort((a, b) => a - b);
    expect(times.length).toBe((times.at(-1)! - times[0]!) / 1000 + 1);
    const keysPerTick = new Map<string, Set<string>>();
    for (const request of sink.requestsTo('/tick')) {
      const at = (request.json as { at: string }).at;
      keysPerTick.set(at, (keysPerTick.get(at) ?? new Set()).add(request.idempotencyKey ?? 'none'));
    }
    expect([...keysPerTick].filter(([, keys]) => keys.size !== 1)).toEqual([]);
    expect(keysPerTick.size).toBe(tickRuns.length);

    // Nothing stuck: no job is left for any run.
    await sleep(200);
    expect((await db<{ n: number }>('SELECT count(*)::int AS n FROM jobs'))[0]!.n).toBe(0);
    expect(schedulers.every((s) => s.running) && worker1!.running).toBe(true);

    report('scale-out on PostgreSQL (2 web, 3 worker, 2 scheduler)', {
      events: total,
      sendMs,
      ingestPerSec: Math.round((total / sendMs) * 1000),
      drainedMs,
      takeoverMs,
      sinkRequests: sink.requestsTo('/hook').length,
      repeatedCalls: sink.requestsTo('/hook').length - total,
      scheduledRuns: tickRuns.length,
      totalMs: Date.now() - startedAt,
    });
  });
});
