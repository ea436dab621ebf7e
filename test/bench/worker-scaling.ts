import { runLoad } from './load.js';
import { startPgWireCounter, type WireCounts } from './pg-wire-counter.js';
import { createScratchDatabase } from './postgres.js';
import { publishRecipe, startSwitchyard, type RunningServer } from './server-process.js';
import type { Sink } from './sink.js';
import { rate, table } from './stats.js';
import { deliveryBody, w2Recipe } from './workloads.js';

export interface ScalingPoint {
  workers: number;
  runs: number;
  runsPerSec: number;
  /** Database round trips (and transactions) of the worker processes per run, in the measured window. */
  workerPerRun: WireCounts;
  /** Of the web process per delivery while ingesting (inbox, run and job rows, NOTIFY included). */
  webPerDelivery: WireCounts;
  allCompleted: boolean;
  /** Acknowledged deliveries per second while the web process filled the queue (no worker running). */
  ingestPerSec: number;
}

export interface ScalingOptions {
  sink: Sink;
  /** Environment and API token for a server on `databaseUrl` (users and tokens made through the CLI). */
  prepare(databaseUrl: string): Promise<{ env: NodeJS.ProcessEnv; token: string }>;
  log(message: string): void;
  /** W2 deliveries per point. */
  runs: number;
}

const per = (counts: WireCounts, n: number): WireCounts => ({ roundTrips: counts.roundTrips / n, transactions: counts.transactions / n });
const minus = (a: WireCounts, b: WireCounts): WireCounts => ({ roundTrips: a.roundTrips - b.roundTrips, transactions: a.transactions - b.transactions });

/**
 * Completed W2 runs per second with 1, 2 and 4 `--role worker` processes on one PostgreSQL, and what each
 * run costs the database. Per point: a fresh database; a web process ingests `runs` deliveries while no
 * worker runs (the queue fills), then the workers start and drain it. The rate and the counts are taken
 * between the sink's first and last new Idempotency-Key, so start-up is left out. Each role talks to
 * PostgreSQL through its own counting proxy (see pg-wire-counter.ts).
 */
export async function benchWorkerScaling(options: ScalingOptions): Promise<ScalingPoint[]> {
  const points: ScalingPoint[] = [];
  for (const workers of [1, 2, 4]) {
    const scratch = await createScratchDatabase();
    const webWire = await startPgWireCounter();
    const workerWire = await startPgWireCounter();
    const started: RunningServer[] = [];
    try {
      const { env, token } = await options.prepare(scratch.url);
      const web = await startSwitchyard({ env: { ...env, SWITCHYARD_DATABASE_URL: webWire.proxied(scratch.url) }, role: 'web' });
      started.push(web);
      const path = await publishRecipe(web.origin, token, w2Recipe(`scale ${workers}`, options.sink.url));
      options.log(`scale-out: ${options.runs} deliveries into the queue, then ${workers} worker process(es)`);
      const beforeIngest = webWire.snapshot();
      const ingest = await runLoad({ origin: web.origin, path, concurrency: 50, durationMs: 60_000, maxRequests: options.runs, body: deliveryBody(`scale${workers}`) });
      const webPerDelivery = per(minus(webWire.snapshot(), beforeIngest), Math.max(1, ingest.ok));
      options.sink.reset();
      const workerEnv = { ...env, SWITCHYARD_DATABASE_URL: workerWire.proxied(scratch.url), SWITCHYARD_DB_POOL: '8' };
      started.push(...(await Promise.all(Array.from({ length: workers }, () => startSwitchyard({ env: workerEnv, role: 'worker' })))));
      // The window opens at the first completed run (polled: a few ms late at most, on both ends alike).
      const opened = Date.now();
      while (options.sink.distinct === 0 && Date.now() - opened < 30_000) await new Promise((r) => setTimeout(r, 2));
      const first = { at: performance.now(), done: options.sink.distinct, wire: workerWire.snapshot() };
      const allCompleted = await options.sink.waitFor(ingest.ok, 60_000);
      const last = { at: options.sink.lastAt, done: options.sink.distinct, wire: workerWire.snapshot() };
      const runs = last.done - first.done;
      points.push({
        workers,
        runs: options.sink.distinct,
        runsPerSec: (runs / (last.at - first.at)) * 1000,
        workerPerRun: per(minus(last.wire, first.wire), Math.max(1, runs)),
        webPerDelivery,
        allCompleted,
        ingestPerSec: ingest.okPerSec,
      });
    } finally {
      await Promise.all(started.map((server) => server.stop()));
      await Promise.all([webWire.close(), workerWire.close()]);
      await scratch.drop();
    }
  }
  return points;
}

export function scalingReport(points: ScalingPoint[]): string {
  const rows = [
    ['worker processes', 'runs/s', 'worker round trips / run', 'worker transactions / run', 'web round trips / delivery', 'web transactions / delivery', 'ingest acks/s', 'drained'],
    ...points.map((p) => [
      String(p.workers),
      rate(p.runsPerSec),
      p.workerPerRun.roundTrips.toFixed(1),
      p.workerPerRun.transactions.toFixed(2),
      p.webPerDelivery.roundTrips.toFixed(2),
      p.webPerDelivery.transactions.toFixed(3),
      rate(p.ingestPerSec),
      p.allCompleted ? `${p.runs} ✓` : `${p.runs} ✗`,
    ]),
  ];
  return table(rows);
}
