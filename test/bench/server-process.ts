import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const serverRoot = fileURLToPath(new URL('../../server/', import.meta.url));
let cliPath = join(serverRoot, 'dist', 'switchyard.mjs');

/**
 * Copies server/dist to a temporary directory and runs every server and CLI process from there, so a
 * rebuild during the benchmark cannot change (or half-change) the code under test. Dependencies and
 * the web bundle are linked, not copied. Returns the directory, for the caller to remove.
 */
export function snapshotServer(): string {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-bench-dist-'));
  cpSync(join(serverRoot, 'dist'), join(root, 'server', 'dist'), {
    recursive: true,
    filter: (source) => !source.endsWith('.map') && !source.endsWith('.d.ts') && !source.endsWith('.tsbuildinfo'),
  });
  copyFileSync(join(serverRoot, 'package.json'), join(root, 'server', 'package.json'));
  symlinkSync(realpathSync(join(serverRoot, 'node_modules')), join(root, 'server', 'node_modules'));
  const web = join(serverRoot, '..', 'web', 'dist');
  if (existsSync(web)) {
    mkdirSync(join(root, 'web'));
    symlinkSync(realpathSync(web), join(root, 'web', 'dist'));
  }
  cliPath = join(root, 'server', 'dist', 'switchyard.mjs');
  return root;
}

/** Every child this benchmark started, so a failing run can still end them (by pid, nothing else). */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `switchyard <args>` to completion and returns its stdout. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliPath, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`switchyard ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

/** GET http://127.0.0.1:<port><path>: the status, or 0 when nothing answers yet. */
function probe(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

export interface LogSummary {
  /** Count of lines at warn or above, by message. */
  problems: Map<string, { count: number; example: string }>;
  /** Non-JSON output (stack traces, stderr). */
  other: string[];
}

interface LogLine {
  level?: number;
  msg?: string;
  startupMs?: number;
  err?: { message?: string };
}

export interface RunningServer {
  pid: number;
  port: number;
  origin: string;
  /** performance.now() at spawn. */
  spawnedAt: number;
  /** Spawn → first `/readyz` 200, ms. */
  readyMs: number;
  /** `startupMs` from the `switchyard started` line (only logged at info level). */
  startupMs: Promise<number | null>;
  logs: LogSummary;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  logLevel?: 'info' | 'warn';
  /** Node flags before the script, e.g. `--cpu-prof` (which Node 20 refuses in NODE_OPTIONS). */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** `start --role …` (default all). A worker serves no HTTP: it is ready at its `switchyard started` line. */
  role?: 'all' | 'web' | 'worker';
}

/** Spawns `node server/dist/switchyard.mjs start` and waits until `/readyz` answers 200. */
export async function startSwitchyard(options: StartOptions): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    SWITCHYARD_PORT: String(port),
    SWITCHYARD_HOST: '127.0.0.1',
    SWITCHYARD_LOG_LEVEL: options.role === 'worker' ? 'info' : (options.logLevel ?? 'warn'),
  };
  const spawnedAt = performance.now();
  const child = track(spawn(process.execPath, [...(options.nodeArgs ?? []), cliPath, 'start', '--role', options.role ?? 'all'], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const logs: LogSummary = { problems: new Map(), other: [] };
  let resolveStartup: (value: number | null) => void = () => {};
  const startupMs = new Promise<number | null>((resolve) => (resolveStartup = resolve));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    resolveStartup(null);
    resolve(code);
  }));

  const onLine = (line: string) => {
    if (line.trim() === '') return;
    let entry: LogLine | null;
    try {
      entry = JSON.parse(line) as LogLine | null;
    } catch {
      if (logs.other.length < 20) logs.other.push(line.slice(0, 300));
      return;
    }
    if (entry?.msg === 'switchyard started') resolveStartup(typeof entry.startupMs === 'number' ? entry.startupMs : null);
    if ((entry?.level ?? 0) >= 40) {
      const key = `${entry?.level === 40 ? 'WARN' : 'ERROR'} ${entry?.msg ?? '?'}${entry?.err?.message ? `: ${entry.err.message.slice(0, 160)}` : ''}`;
      const seen = logs.problems.get(key);
      if (seen) seen.count++;
      else logs.problems.set(key, { count: 1, example: line.slice(0, 400) });
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        onLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    });
  }

  const deadline = spawnedAt + (options.readyTimeoutMs ?? 20_000);
  let readyMs = Number.NaN;
  if (options.role === 'worker') {
    const started = await Promise.race([startupMs.then(() => true), new Promise((r) => setTimeout(r, deadline - performance.now()).unref())]);
    if (started === true && child.exitCode === null) readyMs = performance.now() - spawnedAt;
  }
  while (options.role !== 'worker' && performance.now() < deadline) {
    if (child.exitCode !== null) break;
    if ((await probe(port, '/readyz')) === 200) {
      readyMs = performance.now() - spawnedAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
  };
  if (Number.isNaN(readyMs)) {
    await stop();
    throw new Error(`the server did not become ready: ${[...logs.problems.keys(), ...logs.other].join('\n')}`);
  }
  return { pid: child.pid!, port, origin: `http://127.0.0.1:${port}`, spawnedAt, readyMs, startupMs, logs, exited, stop };
}

/** A JSON call to the API as the benchmark user. */
export async function api(origin: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await request(`${origin}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.statusCode, body: parsed };
}

/** Creates a recipe, publishes it and returns the path of its webhook (`/hooks/<token>`). */
export async function publishRecipe(origin: string, token: string, recipe: Record<string, unknown>): Promise<string> {
  const created = await api(origin, token, 'POST', '/recipes', recipe);
  if (created.status !== 201) throw new Error(`creating recipe ${String(recipe.name)} answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = (created.body as { id: string }).id;
  const published = await api(origin, token, 'POST', `/recipes/${id}/publish`);
  const url = (published.body as { trigger?: { webhookUrl?: string } }).trigger?.webhookUrl;
  if (published.status !== 200 || !url) throw new Error(`publishing ${id} answered ${published.status}: ${JSON.stringify(published.body)}`);
  return new URL(url).pathname;
}

/** Parses the Prometheus text of `/metrics` into `name{labels}` → value. */
export async function metrics(origin: string): Promise<Map<string, number>> {
  const response = await request(`${origin}/metrics`);
  const text = await response.body.text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}
