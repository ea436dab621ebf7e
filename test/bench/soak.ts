/**
 * `pnpm bench:soak`: a long run against a real `switchyard start` child process on SQLite, with a short
 * retention so housekeeping prunes during the soak. Prints DB and WAL size, server RSS and
 * `GET /api/v1/system/storage` every 30 s, then a summary, and checks that every acknowledged delivery
 * reached the sink. Not part of the tests.
 *
 * Environment: SOAK_MINUTES (default 30), SOAK_RATE (deliveries/s, default 300),
 * SOAK_RETENTION_DAYS (default 0.0035 ≈ 5 minutes), SOAK_SAMPLE_MS (default 30000).
 * Traffic goes to 127.0.0.1 only; sending is bounded in count and time.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult } from './load.js';
import { procMemory } from './proc.js';
import { api, metrics, publishRecipe, runCli, snapshotServer, startSwitchyard } from './server-process.js';
import { startSink } from './sink.js';
import { table } from './stats.js';
import { deliveryBody, w2Recipe } from './workloads.js';

const MINUTES = Math.min(120, Math.max(0.5, Number(process.env.SOAK_MINUTES ?? 30) || 30));
const RATE = Math.min(2000, Math.max(1, Number(process.env.SOAK_RATE ?? 300) || 300));
const RETENTION_DAYS = process.env.SOAK_RETENTION_DAYS ?? '0.0035';
const SAMPLE_MS = Math.max(1000, Number(process.env.SOAK_SAMPLE_MS ?? 30_000) || 30_000);
const DURATION_MS = MINUTES * 60_000;
const MAX_DELIVERIES = Math.ceil(RATE * (DURATION_MS / 1000)) + RATE;
const DRAIN_TIMEOUT_MS = 120_000;
const CONCURRENCY = 10;

const watchdog = setTimeout(() => {
  process.stderr.write('soak: over the time limit; giving up\n');
  process.exit(2);
}, DURATION_MS + 6 * 60_000);
watchdog.unref();

const soakStart = performance.now();
const log = (message: string) => process.stderr.write(`[soak ${((performance.now() - soakStart) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));
const MiB = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : '—');
const fileSize = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('SWITCHYARD_') || key === 'NODE_OPTIONS') delete env[key];
  env.SWITCHYARD_DATA_DIR = dataDir;
  env.SWITCHYARD_EGRESS_ALLOW = '127.0.0.1';
  env.SWITCHYARD_LOG_LEVEL = 'warn';
  env.SWITCHYARD_RETENTION_DAYS = RETENTION_DAYS;
  env.SWITCHYARD_HOUSEKEEPING_INTERVAL_MS = '60000';
  return env;
}

async function prepareUser(env: NodeJS.ProcessEnv): Promise<string> {
  const email = 'soak@example.test';
  await runCli(['users', 'create', '--email', email, '--password', 'soak-password-123', '--role', 'owner'], env);
  const out = await runCli(['tokens', 'create', '--email', email, '--name', 'soak'], env);
  const token = out.split('\n').pop()!.trim();
  if (!/^\S{20,}$/.test(token)) throw new Error(`tokens create printed no token: ${out}`);
  return token;
}

async function pendingJobs(origin: string): Promise<number> {
  let pending = 0;
  for (const [key, value] of await metrics(origin)) if (/^switchyard_queue_jobs\{state="(due|leased)"\}$/.test(key)) pending += value;
  return pending;
}

interface Storage {
  runs: number;
  runSteps: number;
  inbox: number;
  jobs: number;
  bytes: number;
  lastSweep: { runsByAge: number; runsBySize: number; inbox: number; bytesBefore: number; bytesAfter: number; at: number } | null;
}

interface Sample {
  elapsedS: number;
  acked: number;
  sent: number;
  effects: number;
  db: number;
  wal: number;
  rss: number;
  storage: Storage | null;
  pending: number;
}

async function main() {
  const tempDirs: string[] = [snapshotServer()];
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-soak-'));
  tempDirs.push(dataDir);
  const dbPath = join(dataDir, 'switchyard.db');
  const walPath = `${dbPath}-wal`;
  const env = serverEnv(dataDir);
  process.stdout.write(
    `Switchyard soak — Node ${process.version}; SQLite; ${MINUTES} min at ${RATE} deliveries/s; retention ${RETENTION_DAYS} days (≈ ${(Number(RETENTION_DAYS) * 1440).toFixed(1)} min), housekeeping every 60 s; sample every ${SAMPLE_MS / 1000} s\n\n`,
  );
  const sink = await startSink();
  log('users create, tokens create');
  const token = await prepareUser(env);
  const server = await startSwitchyard({ env });
  const samples: Sample[] = [];
  const totals = { sent: 0, ok: 0, statuses: {} as Record<string, number>, errors: {} as Record<string, number>, badBodies: [] as string[], maxMs: 0, behindSeconds: 0 };
  try {
    const base = w2Recipe('soak', sink.url);
    const recipe = { ...base, steps: base.steps.filter((step) => step.id !== 'big') }; // webhook → formatter → http
    const path = await publishRecipe(server.origin, token, recipe);
    await sleep(1000);
    const rss0 = procMemory(server.pid)?.rss ?? Number.NaN;
    log(`server pid ${server.pid} ready in ${server.readyMs.toFixed(0)} ms, RSS ${MiB(rss0)}; sending`);

    const sampleOnce = async (): Promise<Sample> => {
      const storageAnswer = await api(server.origin, token, 'GET', '/system/storage').catch(() => null);
      const storage = storageAnswer?.status === 200 ? (storageAnswer.body as Storage) : null;
      const pending = await pendingJobs(server.origin).catch(() => Number.NaN);
      return {
        elapsedS: (performance.now() - sendStart) / 1000,
        acked: totals.ok,
        sent: totals.sent,
        effects: sink.distinct,
        db: fileSize(dbPath),
        wal: fileSize(walPath),
        rss: procMemory(server.pid)?.rss ?? Number.NaN,
        storage,
        pending,
      };
    };
    const fmtSweep = (s: Storage | null) => {
      const sweep = s?.lastSweep;
      if (!sweep) return 'none';
      const ago = ((Date.now() - sweep.at) / 1000).toFixed(0);
      return `${ago}s ago: -${sweep.runsByAge + sweep.runsBySize} runs, -${sweep.inbox} inbox, ${MiB(sweep.bytesBefore)}→${MiB(sweep.bytesAfter)}`;
    };
    const printSample = (s: Sample) =>
      process.stdout.write(
        `${`${(s.elapsedS / 60).toFixed(1)} min`.padStart(9)}  acked ${String(s.acked).padStart(7)}  effects ${String(s.effects).padStart(7)}  backlog ${String(s.pending).padStart(5)}  db ${MiB(s.db).padStart(10)}  wal ${MiB(s.wal).padStart(10)}  rss ${MiB(s.rss).padStart(10)}  storage: runs ${s.storage?.runs ?? '?'} steps ${s.storage?.runSteps ?? '?'} inbox ${s.storage?.inbox ?? '?'} bytes ${MiB(s.storage?.bytes ?? Number.NaN)} | last sweep ${fmtSweep(s.storage)}\n`,
      );

    // Open-loop-ish pacing: each second, send RATE deliveries (closed loop, CONCURRENCY senders, capped at 1 s),
    // then wait for the next second. Unique ids: `soak-<second>-<i>`.
    const sendStart = performance.now();
    const deadline = sendStart + DURATION_MS;
    let nextSample = sendStart + SAMPLE_MS;
    let second = 0;
    while (performance.now() < deadline && totals.sent < MAX_DELIVERIES) {
      const tickStart = sendStart + second * 1000;
      const result: LoadResult = await runLoad({
        origin: server.origin,
        path,
        concurrency: CONCURRENCY,
        durationMs: Math.max(50, tickStart + 1000 - performance.now()),
        maxRequests: Math.min(RATE, MAX_DELIVERIES - totals.sent),
        body: deliveryBody(`soak-${second}`),
      });
      totals.sent += result.sent;
      totals.ok += result.ok;
      for (const [k, v] of Object.entries(result.statuses)) totals.statuses[k] = (totals.statuses[k] ?? 0) + v;
      for (const [k, v] of Object.entries(result.errors)) totals.errors[k] = (totals.errors[k] ?? 0) + v;
      for (const b of result.badBodies) if (totals.badBodies.length < 5) totals.badBodies.push(b);
      if (Number.isFinite(result.max)) totals.maxMs = Math.max(totals.maxMs, result.max);
      if (result.sent < RATE) totals.behindSeconds++;
      second++;
      const wait = sendStart + second * 1000 - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() >= nextSample) {
        nextSample += SAMPLE_MS;
        const s = await sampleOnce();
        samples.push(s);
        printSample(s);
      }
      if (server.logs.other.length > 0 && second % 60 === 0) log(`server printed non-JSON output: ${server.logs.other.slice(-1)[0]}`);
    }
    log(`sending done: ${totals.sent} sent, ${totals.ok} acked; waiting for the sink`);
    const drainStart = performance.now();
    const allEffects = await sink.waitFor(totals.ok, DRAIN_TIMEOUT_MS);
    while (performance.now() - drainStart < DRAIN_TIMEOUT_MS && (await pendingJobs(server.origin).catch(() => 1)) > 0) await sleep(250);
    const drainS = (performance.now() - drainStart) / 1000;
    const last = await sampleOnce();
    samples.push(last);
    printSample(last);

    // ---------------------------------------------------------------- summary
    const stat = (pick: (s: Sample) => number) => {
      const values = samples.map(pick).filter(Number.isFinite);
      return { min: Math.min(...values), max: Math.max(...values), last: values[values.length - 1] ?? Number.NaN };
    };
    const db = stat((s) => s.db);
    const wal = stat((s) => s.wal);
    const rss = stat((s) => s.rss);
    const runs = stat((s) => s.storage?.runs ?? Number.NaN);
    const half = samples.filter((s) => s.elapsedS >= (DURATION_MS / 1000) / 2);
    const rssSecondHalf = half.length ? Math.max(...half.map((s) => s.rss)) - Math.min(...half.map((s) => s.rss)) : Number.NaN;
    const dbSecondHalf = half.length ? Math.max(...half.map((s) => s.db)) - Math.min(...half.map((s) => s.db)) : Number.NaN;
    process.stdout.write(`\n${table([
      ['', 'min', 'max', 'last'],
      ['DB file', MiB(db.min), MiB(db.max), MiB(db.last)],
      ['WAL file', MiB(wal.min), MiB(wal.max), MiB(wal.last)],
      ['server RSS', MiB(rss.min), MiB(rss.max), MiB(rss.last)],
      ['runs stored', String(runs.min), String(runs.max), String(runs.last)],
    ])}\n`);
    const lost = totals.ok - sink.distinct;
    const lines = [
      `RSS: ${MiB(rss0)} idle before load → ${MiB(rss.last)} at the end (growth ${MiB(rss.last - rss0)}); spread over the second half ${MiB(rssSecondHalf)}`,
      `DB file spread over the second half: ${MiB(dbSecondHalf)}`,
      `deliveries: ${totals.sent} sent, ${totals.ok} acked (${(totals.ok / (DURATION_MS / 1000)).toFixed(0)}/s), statuses ${JSON.stringify(totals.statuses)}, transport errors ${JSON.stringify(totals.errors)}, max ack ${totals.maxMs.toFixed(0)} ms, seconds short of ${RATE}: ${totals.behindSeconds}`,
      `sink: ${sink.distinct} distinct effects, ${sink.hits} hits (${sink.hits - sink.distinct} repeats), ${sink.withoutKey} without key; drain ${drainS.toFixed(1)} s${allEffects ? '' : ' (timed out)'}`,
      lost === 0 ? `no delivery lost: acked == sink effects == ${totals.ok} ✓` : `LOST: ${lost} acked deliveries never reached the sink ✗`,
      `last sweep: ${fmtSweep(last.storage)}`,
    ];
    for (const b of totals.badBodies) lines.push(`odd answer: ${b}`);
    for (const [key, value] of server.logs.problems) lines.push(`server log: ${value.count}× ${key}`);
    for (const line of server.logs.other.slice(0, 10)) lines.push(`server (raw): ${line}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (lost !== 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await sink.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
  log('done');
}

await main();
clearTimeout(watchdog);
