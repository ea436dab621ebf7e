/**
 * `pnpm bench`: webhook ingest (W1) and end-to-end runs (W2) against a real `switchyard start` child process,
 * on SQLite and PostgreSQL side by side, plus memory, start-up time and a bare node:http server for scale.
 * Traffic goes to 127.0.0.1 only; every phase is bounded in requests and time.
 *
 * Environment: BENCH_ONLY=sqlite|postgres, BENCH_PROFILE=auto|1|0 (CPU profiles of SQLite W1/W2 when a
 * target is badly missed, always, never), BENCH_SCALE=0.5 (shorter phases).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBareServer } from './bare-server.js';
import { formatSummary, summariseProfile } from './cpuprofile.js';
import { runLoad, type LoadResult } from './load.js';
import { createScratchDatabase } from './postgres.js';
import { cpuMeter, procMemory, watchMemory } from './proc.js';
import { metrics, publishRecipe, runCli, snapshotServer, startSwitchyard, type LogSummary, type RunningServer } from './server-process.js';
import { startSink, type Sink } from './sink.js';
import { mb, median, ms, rate, table } from './stats.js';
import { benchWorkerScaling, scalingReport, type ScalingPoint } from './worker-scaling.js';
import { measureWebBundle, webBundleReport } from './web-bundle.js';
import { deliveryBody, w1Recipe, w2Recipe } from './workloads.js';

const scale = Math.min(1, Math.max(0.2, Number(process.env.BENCH_SCALE ?? 1) || 1));
const WARM_MS = 1000 * scale;
const W1_MS = 5000 * scale;
const W2_SEND_MS = 4000 * scale;
const W2_WARM_DELIVERIES = 300;
const W2_COMPLETE_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 30_000;
const MAX_REQUESTS = 200_000;
const START_TRIALS = 3;

const targets = { w1Acks: 5000, w1P99: 20, w2Runs: 1500, idleRss: 120 * 1024 * 1024, startMs: 1000 };

const watchdog = setTimeout(() => {
  process.stderr.write('bench: over 10 minutes; giving up\n');
  process.exit(2);
}, 10 * 60_000);
watchdog.unref();

const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - benchStart) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
const benchStart = performance.now();
const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

function serverEnv(dataDir: string, databaseUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SWITCHYARD_') || key === 'NODE_OPTIONS') delete env[key];
  env.SWITCHYARD_DATA_DIR = dataDir;
  env.SWITCHYARD_EGRESS_ALLOW = '127.0.0.1';
  env.SWITCHYARD_LOG_LEVEL = 'warn';
  if (databaseUrl) env.SWITCHYARD_DATABASE_URL = databaseUrl;
  return env;
}

/** `users create` + `tokens create`, timed (each is a full CLI process that wires the system). */
async function prepareUser(env: NodeJS.ProcessEnv) {
  const email = 'bench@example.test';
  let t0 = performance.now();
  await runCli(['users', 'create', '--email', email, '--password', 'bench-password-123', '--role', 'owner'], env);
  const usersMs = performance.now() - t0;
  t0 = performance.now();
  const out = await runCli(['tokens', 'create', '--email', email, '--name', 'bench'], env);
  const tokensMs = performance.now() - t0;
  const token = out.split('\n').pop()!.trim();
  if (!/^\S{20,}$/.test(token)) throw new Error(`tokens create printed no token: ${out}`);
  return { token, usersMs, tokensMs };
}

async function queueDepth(origin: string): Promise<{ pending: number; runs: Record<string, number>; webhooks: Record<string, number> }> {
  const values = await metrics(origin);
  let pending = 0;
  const runs: Record<string, number> = {};
  const webhooks: Record<string, number> = {};
  for (const [key, value] of values) {
    const job = /^switchyard_queue_jobs\{state="(due|leased)"\}$/.exec(key);
    if (job) pending += value;
    const run = /^switchyard_runs\{status="([^"]+)"\}$/.exec(key);
    if (run) runs[run[1]!] = value;
    const hook = /^switchyard_webhook_deliveries_total\{status="([^"]+)"\}$/.exec(key);
    if (hook) webhooks[hook[1]!] = value;
  }
  return { pending, runs, webhooks };
}

/** Waits until no job is due or leased; the time it took, or NaN after `timeoutMs`. */
async function waitForDrain(origin: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if ((await queueDepth(origin)).pending === 0) return performance.now() - t0;
    await sleep(250);
  }
  return Number.NaN;
}

const load = (origin: string, path: string, concurrency: number, durationMs: number, phase: string, maxRequests = MAX_REQUESTS) =>
  runLoad({ origin, path, concurrency, durationMs, maxRequests, body: deliveryBody(phase) });

interface W1Result {
  load: LoadResult;
  /** Runs the worker finished during the measured window, per second. */
  runsPerSec: number;
  /** Time for the queue to empty after the window. */
  drainMs: number;
  cpu: Cpu;
}

type Cpu = ReturnType<ReturnType<typeof cpuMeter>>;

async function w1(server: RunningServer, path: string, concurrency: number, tag: string): Promise<W1Result> {
  await load(server.origin, path, concurrency, WARM_MS, `${tag}-warm`);
  await waitForDrain(server.origin, DRAIN_TIMEOUT_MS);
  const before = (await queueDepth(server.origin)).runs.succeeded ?? 0;
  const meter = cpuMeter(server.pid);
  const result = await load(server.origin, path, concurrency, W1_MS, tag);
  const cpu = meter();
  const after = (await queueDepth(server.origin)).runs.succeeded ?? 0;
  const drainMs = await waitForDrain(server.origin, DRAIN_TIMEOUT_MS);
  return { load: result, runsPerSec: ((after - before) / result.elapsedMs) * 1000, drainMs, cpu };
}

interface W2Result {
  ack: LoadResult;
  completed: number;
  completedPerSec: number;
  /** Last completion − end of sending. */
  tailMs: number;
  sinkHits: number;
  allCompleted: boolean;
  /** From the first delivery to the last completion. */
  cpu: Cpu;
}

async function w2(server: RunningServer, path: string, sink: Sink, tag: string): Promise<W2Result> {
  sink.reset();
  const warm = await load(server.origin, path, 50, 3000, `${tag}-warm`, W2_WARM_DELIVERIES);
  await sink.waitFor(warm.ok, 15_000);
  await waitForDrain(server.origin, DRAIN_TIMEOUT_MS);
  sink.reset();
  const t0 = performance.now();
  const meter = cpuMeter(server.pid);
  const ack = await load(server.origin, path, 50, W2_SEND_MS, tag);
  const sendEnd = performance.now();
  const allCompleted = await sink.waitFor(ack.ok, W2_COMPLETE_TIMEOUT_MS);
  const end = allCompleted ? sink.lastAt : performance.now();
  const cpu = meter();
  return {
    cpu,
    ack,
    completed: sink.distinct,
    completedPerSec: (sink.distinct / (end - t0)) * 1000,
    tailMs: end - sendEnd,
    sinkHits: sink.hits,
    allCompleted,
  };
}

interface DbResult {
  label: string;
  usersMs: number;
  tokensMs: number;
  readyMs: number[];
  startupMs: (number | null)[];
  stopMs: number[];
  idleRss: number;
  peakRss: number;
  hwm: number;
  w1: Record<10 | 50, W1Result>;
  w2: W2Result;
  /** W1 at 50 senders against `start --role web`: ingest alone, nobody running the runs. */
  webOnly: LoadResult | null;
  runs: Record<string, number>;
  webhooks: Record<string, number>;
  problems: LogSummary['problems'];
  other: string[];
}

function mergeLogs(into: DbResult, logs: LogSummary) {
  for (const [key, value] of logs.problems) {
    const seen = into.problems.get(key);
    if (seen) seen.count += value.count;
    else into.problems.set(key, { ...value });
  }
  into.other.push(...logs.other);
}

async function benchDatabase(label: string, sink: Sink, databaseUrl?: string): Promise<DbResult> {
  const env = serverEnv(tempDir('switchyard-bench-'), databaseUrl);
  log(`${label}: users create, tokens create`);
  const { token, usersMs, tokensMs } = await prepareUser(env);
  const result: DbResult = {
    label,
    usersMs,
    tokensMs,
    readyMs: [],
    startupMs: [],
    stopMs: [],
    idleRss: Number.NaN,
    peakRss: Number.NaN,
    hwm: Number.NaN,
    w1: {} as DbResult['w1'],
    w2: {} as W2Result,
    webOnly: null,
    runs: {},
    webhooks: {},
    problems: new Map(),
    other: [],
  };

  for (let trial = 0; trial < START_TRIALS; trial++) {
    // info level so the `switchyard started` line (with startupMs) is printed.
    const server = await startSwitchyard({ env, logLevel: 'info' });
    result.readyMs.push(server.readyMs);
    result.startupMs.push(await Promise.race([server.startupMs, sleep(2000).then(() => null)]));
    const t0 = performance.now();
    await server.stop();
    result.stopMs.push(performance.now() - t0);
    mergeLogs(result, server.logs);
  }
  log(`${label}: start-up ${result.readyMs.map((v) => v.toFixed(0)).join(', ')} ms to /readyz`);

  const server = await startSwitchyard({ env });
  try {
    const w1Path = await publishRecipe(server.origin, token, w1Recipe('bench W1'));
    const w2Path = await publishRecipe(server.origin, token, w2Recipe('bench W2', sink.url));
    await sleep(1000);
    result.idleRss = procMemory(server.pid)?.rss ?? Number.NaN;
    const memory = watchMemory(server.pid);
    for (const concurrency of [10, 50] as const) {
      log(`${label}: W1 with ${concurrency} senders`);
      result.w1[concurrency] = await w1(server, w1Path, concurrency, `w1c${concurrency}`);
    }
    log(`${label}: W2`);
    result.w2 = await w2(server, w2Path, sink, 'w2');
    const peak = memory.stop();
    result.peakRss = peak.maxRss;
    result.hwm = peak.hwm;
    await waitForDrain(server.origin, 10_000);
    const depth = await queueDepth(server.origin);
    result.runs = depth.runs;
    result.webhooks = depth.webhooks;
  } finally {
    await server.stop();
    mergeLogs(result, server.logs);
  }

  log(`${label}: W1 with 50 senders, web role only (no worker)`);
  const web = await startSwitchyard({ env, role: 'web' });
  try {
    const w1Path = await publishRecipe(web.origin, token, w1Recipe('bench W1 web-only'));
    await load(web.origin, w1Path, 50, WARM_MS, 'web-warm');
    result.webOnly = await load(web.origin, w1Path, 50, W1_MS, 'web');
  } finally {
    await web.stop();
    mergeLogs(result, web.logs);
  }
  return result;
}

async function profileSqlite(sink: Sink): Promise<string[]> {
  const env = serverEnv(tempDir('switchyard-bench-prof-'));
  // Kept after the run so the profiles can be opened in DevTools.
  const profileDir = mkdtempSync(join(tmpdir(), 'switchyard-cpuprof-'));
  const { token } = await prepareUser(env);
  const summaries: string[] = [];
  for (const which of ['W1', 'W2'] as const) {
    log(`profile: SQLite ${which} with --cpu-prof into ${profileDir}`);
    const name = `${which.toLowerCase()}.cpuprofile`;
    const server = await startSwitchyard({ env, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}`] });
    let loadStart = Number.NaN;
    let note = '';
    try {
      if (which === 'W1') {
        const path = await publishRecipe(server.origin, token, w1Recipe('profile W1'));
        await load(server.origin, path, 50, WARM_MS, 'pw1-warm');
        loadStart = performance.now();
        const r = await load(server.origin, path, 50, W1_MS, 'pw1');
        note = `${rate(r.okPerSec)} acks/s, p99 ${ms(r.p99)} ms under the profiler`;
      } else {
        const path = await publishRecipe(server.origin, token, w2Recipe('profile W2', sink.url));
        loadStart = performance.now();
        const r = await w2(server, path, sink, 'pw2');
        note = `${rate(r.completedPerSec)} runs/s, ${rate(r.ack.okPerSec)} acks/s under the profiler (includes warm-up)`;
      }
    } finally {
      await server.stop();
    }
    try {
      const summary = summariseProfile(join(profileDir, name), Math.max(0, loadStart - server.spawnedAt));
      summaries.push(formatSummary(`SQLite ${which} — ${note}`, summary));
    } catch (error) {
      summaries.push(`SQLite ${which}: no profile (${(error as Error).message})`);
    }
  }
  return summaries;
}

// ---------------------------------------------------------------- report

const errorsOf = (r: LoadResult) => {
  const non2xx = Object.entries(r.statuses).filter(([s]) => !s.startsWith('2'));
  const transport = Object.values(r.errors).reduce((a, b) => a + b, 0);
  return non2xx.length === 0 && transport === 0 ? '0' : `${non2xx.map(([s, n]) => `${n}×${s}`).join(' ')}${transport ? ` ${transport} err` : ''}`.trim();
};
/** Server / load generator+sink / everything else (PostgreSQL, other processes), each in % of one core. */
const cpuCell = (cpu: Cpu) => {
  const rest = Math.max(0, (cpu.machinePct * cpus().length) - cpu.processPct - cpu.benchPct);
  return `${cpu.processPct.toFixed(0)} / ${cpu.benchPct.toFixed(0)} / ${rest.toFixed(0)}`;
};
/** CPU the server spent per unit of work, and the rate that implies if it had one core to itself. */
const cpuPer = (cpu: Cpu, units: number) => {
  const per = cpu.processMs / units;
  return units > 0 ? `${per.toFixed(2)} (≈ ${rate(1000 / per)}/s/core)` : '—';
};
const mark = (ok: boolean) => (ok ? ' ✓' : ' ✗');

function report(results: DbResult[], bare: LoadResult | null): string {
  const header = ['', 'target', ...results.map((r) => r.label), 'bare node:http'];
  const rows: string[][] = [header];
  const isSqlite = (r: DbResult) => r.label === 'SQLite';
  const row = (name: string, target: string, cell: (r: DbResult) => string, bareCell = '') => rows.push([name, target, ...results.map(cell), bareCell]);
  const section = (title: string) => rows.push([title]);

  section(`W1  webhook → formatter, response 202 on commit (${(WARM_MS / 1000).toFixed(1)} s warm-up + ${(W1_MS / 1000).toFixed(1)} s)`);
  for (const c of [10, 50] as const) {
    const tgt = c === 50;
    row(`  acks/s @${c}`, tgt ? '≥ 5,000 (SQLite)' : '', (r) => rate(r.w1[c].load.okPerSec) + (tgt && isSqlite(r) ? mark(r.w1[c].load.okPerSec >= targets.w1Acks) : ''), tgt && bare ? rate(bare.okPerSec) : '');
    row(`  ack p50 / p99 ms @${c}`, tgt ? 'p99 < 20 (SQLite)' : '', (r) => `${ms(r.w1[c].load.p50)} / ${ms(r.w1[c].load.p99)}` + (tgt && isSqlite(r) ? mark(r.w1[c].load.p99 < targets.w1P99) : ''), tgt && bare ? `${ms(bare.p50)} / ${ms(bare.p99)}` : '');
    row(`  ack max ms @${c}`, '', (r) => ms(r.w1[c].load.max), tgt && bare ? ms(bare.max) : '');
    row(`  non-2xx / errors @${c}`, '', (r) => errorsOf(r.w1[c].load), tgt && bare ? errorsOf(bare) : '');
    row(`  CPU % server / bench / rest @${c}`, '', (r) => cpuCell(r.w1[c].cpu));
    row(`  server CPU ms per delivery+run @${c}`, '', (r) => cpuPer(r.w1[c].cpu, r.w1[c].load.ok));
    row(`  runs finished/s in window @${c}`, '', (r) => rate(r.w1[c].runsPerSec));
    row(`  backlog drain after window @${c}`, '', (r) => (Number.isNaN(r.w1[c].drainMs) ? '> 30 s' : `${(r.w1[c].drainMs / 1000).toFixed(1)} s`));
  }
  row('  diagnostic: acks/s @50, web role only (no worker)', '', (r) => (r.webOnly ? rate(r.webOnly.okPerSec) : '—'));
  row('  diagnostic: ack p50 / p99 ms, web role only', '', (r) => (r.webOnly ? `${ms(r.webOnly.p50)} / ${ms(r.webOnly.p99)}` : '—'));
  section(`W2  webhook → formatter → filter → http POST to a local sink, 50 senders for ${(W2_SEND_MS / 1000).toFixed(1)} s`);
  row('  completed runs/s (at the sink)', '≥ 1,500 (SQLite)', (r) => rate(r.w2.completedPerSec) + (isSqlite(r) ? mark(r.w2.completedPerSec >= targets.w2Runs) : ''));
  row('  deliveries acked / completed', '', (r) => `${r.w2.ack.ok} / ${r.w2.completed}${r.w2.allCompleted ? '' : ' (timed out)'}`);
  row('  last completion after last ack', '', (r) => `${(r.w2.tailMs / 1000).toFixed(1)} s`);
  row('  sink hits (retries = hits − distinct)', '', (r) => `${r.w2.sinkHits}`);
  row('  acks/s @50', '', (r) => rate(r.w2.ack.okPerSec));
  row('  ack p50 / p99 ms @50', '', (r) => `${ms(r.w2.ack.p50)} / ${ms(r.w2.ack.p99)}`);
  row('  non-2xx / errors', '', (r) => errorsOf(r.w2.ack));
  row('  server CPU ms per completed run (incl. ingest)', '', (r) => cpuPer(r.w2.cpu, r.w2.completed));
  row('  CPU % server / bench / rest', '', (r) => cpuCell(r.w2.cpu));
  section('Memory (server process)');
  row('  RSS idle (after publish, before load)', '< 120 MB (SQLite)', (r) => mb(r.idleRss) + (isSqlite(r) ? mark(r.idleRss < targets.idleRss) : ''));
  row('  RSS peak under load (sampled / VmHWM)', '', (r) => `${mb(r.peakRss)} / ${mb(r.hwm)}`);
  section(`Start-up (median of ${START_TRIALS}, migrated database)`);
  row('  spawn → /readyz 200', '< 1 s', (r) => `${ms(median(r.readyMs))} ms${mark(median(r.readyMs) < targets.startMs)}`);
  row('    each start', '', (r) => r.readyMs.map((v) => v.toFixed(0)).join(', '));
  row('  logged startupMs', '', (r) => {
    const known = r.startupMs.filter((v): v is number => v !== null);
    return known.length ? `${ms(median(known))} ms` : 'not logged';
  });
  row('  SIGTERM → exit (idle)', '', (r) => `${ms(median(r.stopMs))} ms`);
  row('  CLI users create / tokens create', '', (r) => `${ms(r.usersMs)} / ${ms(r.tokensMs)} ms`);
  section('Totals');
  row('  runs by status', '', (r) => Object.entries(r.runs).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ') || '—');
  row('  webhook answers by status', '', (r) => Object.entries(r.webhooks).map(([s, n]) => `${s} ${n}`).join(', ') || '—');
  return table(rows);
}

// ---------------------------------------------------------------- main

async function main() {
  const only = process.env.BENCH_ONLY;
  const profileMode = process.env.BENCH_PROFILE ?? 'auto';
  const cpu = cpus();
  let revision = 'unknown revision';
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: new URL('../..', import.meta.url), encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'server/src').split('\n').filter(Boolean).length;
    revision = `${git('rev-parse', '--short', 'HEAD')}${dirty ? ` + ${dirty} uncommitted server/src changes` : ''}`;
  } catch {
    // not a git checkout
  }
  process.stdout.write(`Switchyard benchmark at ${revision} — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? '?'}; load generator, sink and server share the machine; load average at start ${loadavg().map((v) => v.toFixed(2)).join(' ')}\n\n`);
  try {
    process.stdout.write(`${webBundleReport(measureWebBundle(fileURLToPath(new URL('../../web/dist', import.meta.url))))}\n\n`);
  } catch (error) {
    process.stdout.write(`web bundle not measured: ${(error as Error).message}\n\n`);
  }
  tempDirs.push(snapshotServer());
  const sink = await startSink();
  const results: DbResult[] = [];
  let bare: LoadResult | null = null;
  const extra: string[] = [];
  let scaling: ScalingPoint[] = [];
  try {
    if (only !== 'postgres') results.push(await benchDatabase('SQLite', sink));
    if (only !== 'sqlite') {
      const scratch = await createScratchDatabase();
      try {
        results.push(await benchDatabase('PostgreSQL', sink, scratch.url));
      } finally {
        await scratch.drop();
      }
    }
    if (only !== 'sqlite') {
      const prepare = async (databaseUrl: string) => {
        const env = serverEnv(tempDir('switchyard-bench-scale-'), databaseUrl);
        return { env, token: (await prepareUser(env)).token };
      };
      scaling = await benchWorkerScaling({ sink, prepare, log, runs: Math.round(3000 * scale) });
    }
    log('bare node:http server, 50 senders');
    const bareServer = await startBareServer();
    try {
      await load(bareServer.origin, '/', 50, WARM_MS, 'bare-warm');
      bare = await load(bareServer.origin, '/', 50, W1_MS, 'bare');
    } finally {
      await bareServer.stop();
    }

    process.stdout.write(`${report(results, bare)}\n`);
    process.stdout.write(
      `CPU %: of one core (${cpus().length} cores = ${cpus().length * 100}), over the measured window: the server process / this bench process (load generator and sink) / the rest of the machine (PostgreSQL, and anything else running on it). Load average at end ${loadavg().map((v) => v.toFixed(2)).join(' ')}\n`,
    );

    for (const r of results) {
      const notes: string[] = [];
      for (const [key, value] of r.problems) notes.push(`  ${value.count}× ${key}`);
      for (const line of r.other.slice(0, 10)) notes.push(`  (raw) ${line}`);
      const bad = [r.w1[10].load, r.w1[50].load, r.w2.ack, ...(r.webOnly ? [r.webOnly] : [])].flatMap((l) => [...l.badBodies, ...Object.entries(l.errors).map(([m, n]) => `${n}× transport error: ${m}`)]);
      for (const line of bad.slice(0, 6)) notes.push(`  answer: ${line}`);
      if (notes.length) extra.push(`\n${r.label}: server log lines at warn or above, and odd answers:\n${notes.join('\n')}`);
    }
    if (extra.length) process.stdout.write(`${extra.join('\n')}\n`);
    if (scaling.length > 0) {
      process.stdout.write(`\nScale-out on PostgreSQL: W2 runs drained by 1, 2 and 4 \`--role worker\` processes (the queue filled first by one web process)\n${scalingReport(scaling)}\n`);
      process.stdout.write('Round trips: client messages counted by a wire-protocol proxy per role (a simple query or an extended-protocol Sync is one round trip; `begin` starts a transaction), between the first and last completed run. The workers\' count includes their claims, lease renewals and idle polls in that window. This machine has 2 cores shared by PostgreSQL, the processes and the load generator, so the curve flattens early.\n');
    }

    const sqlite = results.find((r) => r.label === 'SQLite');
    const badlyMissed =
      sqlite !== undefined &&
      (sqlite.w1[50].load.okPerSec < targets.w1Acks * 0.8 ||
        sqlite.w1[50].load.p99 > targets.w1P99 * 1.5 ||
        sqlite.w2.completedPerSec < targets.w2Runs * 0.8 ||
        sqlite.idleRss > targets.idleRss * 1.2 ||
        median(sqlite.readyMs) > targets.startMs * 1.5);
    if (only !== 'postgres' && (profileMode === '1' || (profileMode === 'auto' && badlyMissed))) {
      process.stdout.write(`\nCPU profiles (SQLite; ${badlyMissed ? 'a target was badly missed' : 'requested'}; self time over the load window, % of busy time)\n`);
      try {
        for (const summary of await profileSqlite(sink)) process.stdout.write(`\n${summary}\n`);
      } catch (error) {
        process.stdout.write(`profiling failed: ${(error as Error).message}\n`);
      }
    }
  } finally {
    await sink.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
  log('done');
}

await main();
clearTimeout(watchdog);
