import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { freePort } from './free-port.js';
import { sleep, waitFor } from './wait-for.js';

/** The built CLI (`pnpm build` / `pnpm test` build it first). */
export const cliPath = fileURLToPath(new URL('../../server/dist/switchyard.mjs', import.meta.url));

export const ownerEmail = 'owner@example.com';
export const ownerPassword = 'correct horse battery staple';

/** Every child we spawned, so a crashing test run cannot leave servers behind. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ApiAnswer<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  /** Extra SWITCHYARD_* settings, on top of the test defaults. */
  env?: Record<string, string>;
  /** false: no owner and no token, as on a first start (the web app's setup screen creates the owner). */
  owner?: boolean;
  /** `start --role …` (default all). Worker and scheduler processes serve no HTTP: nothing waits for /readyz. */
  role?: 'all' | 'web' | 'worker' | 'scheduler';
}

/**
 * `switchyard start` as a real child process on a fresh temp data dir (SQLite), with an owner and an
 * API token created through the CLI beforehand. It can be SIGKILLed and started again on the same
 * data dir and port. `dispose()` kills it and removes the data dir.
 */
export class SwitchyardProcess {
  child: ChildProcess | null = null;
  token = '';
  /** Every stdout/stderr line of every start, newest last (bounded). */
  readonly logs: string[] = [];
  /** How each start ended, in order. */
  readonly exits: ExitInfo[] = [];
  private pool: Pool | null = null;
  private exited: Promise<ExitInfo> | null = null;

  private constructor(
    readonly dataDir: string,
    public port: number,
    private readonly env: Record<string, string>,
    readonly role: NonNullable<StartOptions['role']> = 'all',
  ) {}

  /** Creates the data dir, the owner and a token; does not start the server. */
  static async create(options: StartOptions = {}): Promise<SwitchyardProcess> {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-e2e-'));
    const port = await freePort();
    const env = {
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_PORT: String(port),
      SWITCHYARD_HOST: '127.0.0.1',
      SWITCHYARD_EGRESS_ALLOW: '127.0.0.1',
      SWITCHYARD_LEASE_MS: '2000',
      SWITCHYARD_LOG_LEVEL: 'info',
      ...options.env,
    };
    const server = new SwitchyardProcess(dataDir, port, env, options.role);
    if (options.owner === false) return server;
    try {
      const created = await server.cli(['users', 'create', '--email', ownerEmail, '--password', ownerPassword, '--role', 'owner']);
      if (created.code !== 0) throw new Error(`users create failed: ${created.stderr}`);
      const token = await server.cli(['tokens', 'create', '--email', ownerEmail, '--name', 'e2e']);
      if (token.code !== 0) throw new Error(`tokens create failed: ${token.stderr}`);
      server.token = token.stdout.trim();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  /** Creates and starts: the common case. */
  static async launch(options: StartOptions = {}): Promise<SwitchyardProcess> {
    const server = await SwitchyardProcess.create(options);
    try {
      await server.start();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Spawns `switchyard start`, waits for its `switchyard started` log line and a 200 from /readyz. The
   * port stays the same across restarts; only if someone else took it meanwhile does it move.
   */
  async start(): Promise<void> {
    const firstLine = this.logs.length;
    try {
      await this.spawnAndWait();
    } catch (error) {
      if (!this.logs.slice(firstLine).some((line) => line.includes('EADDRINUSE'))) throw error;
      this.port = await freePort();
      await this.spawnAndWait();
    }
  }

  private async spawnAndWait(): Promise<void> {
    if (this.child) throw new Error('already running');
    const child = spawn(process.execPath, [cliPath, 'start', '--role', this.role], {
      env: { ...process.env, ...this.env, SWITCHYARD_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    this.child = child;
    let announced: ((port: number) => void) | null = null;
    const started = new Promise<number>((resolve) => (announced = resolve));
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.logs.push(line);
        if (this.logs.length > 5000) this.logs.splice(0, this.logs.length - 5000);
        if (line.includes('"switchyard started"')) {
          try {
            announced?.((JSON.parse(line) as { port: number }).port);
          } catch {
            /* not JSON after all */
          }
        }
      });
    }
    this.exited = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        if (this.child === child) this.child = null;
        const info = { code, signal };
        this.exits.push(info);
        resolve(info);
      });
    });
    const outcome = await Promise.race([
      started.then((port) => ({ port })),
      this.exited.then((exit) => ({ exit })),
      sleep(20_000).then(() => ({ timeout: true as const })),
    ]);
    if ('exit' in outcome) throw new Error(`switchyard exited during start-up (${JSON.stringify(outcome.exit)}):\n${this.logTail(20)}`);
    if ('timeout' in outcome) {
      await this.kill();
      throw new Error(`switchyard did not start within 20 s:\n${this.logTail(20)}`);
    }
    if (this.role === 'worker' || this.role === 'scheduler') return;
    this.port = outcome.port;
    this.pool = new Pool(this.baseUrl, { connections: 8 });
    await waitFor(async () => (await this.get('/readyz')).status === 200, { timeoutMs: 10_000, what: '/readyz to answer 200' });
  }

  /** Sends `signal` (SIGKILL by default) and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 30_000): Promise<ExitInfo> {
    const child = this.child;
    if (!child || !this.exited) throw new Error(`not running (last exit: ${JSON.stringify(this.exits.at(-1) ?? null)}):\n${this.logTail(20)}`);
    const exited = this.exited;
    child.kill(signal);
    const result = await Promise.race([exited, sleep(timeoutMs).then(() => null)]);
    await this.closePool();
    if (result === null) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`switchyard did not exit within ${timeoutMs} ms of ${signal}:\n${this.logTail(20)}`);
    }
    return result;
  }

  /** Sends SIGTERM and returns how the process ended (without waiting for it). */
  terminate(): Promise<ExitInfo> {
    if (!this.child || !this.exited) throw new Error('not running');
    this.child.kill('SIGTERM');
    return this.exited.then(async (exit) => {
      await this.closePool();
      return exit;
    });
  }

  async restart(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.kill(signal);
    await this.start();
  }

  /** Runs the `switchyard` CLI against this data dir. */
  cli(args: string[], timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [cliPath, ...args],
        { env: { ...process.env, ...this.env, SWITCHYARD_PORT: String(this.port), SWITCHYARD_LOG_LEVEL: 'warn' }, timeout: timeoutMs },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** A request to the running server (not under /api/v1), e.g. `/healthz`. */
  async get(path: string): Promise<ApiAnswer<unknown>> {
    return this.request('GET', path);
  }

  /** A call to `/api/v1<path>` with the owner's API token. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    return this.request<T>(method, `/api/v1${path}`, body, { authorization: `Bearer ${this.token}` });
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    if (!this.pool) throw new Error('switchyard is not running');
    const answer = await this.pool.request({
      method: method as 'GET',
      path,
      headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await answer.body.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: answer.statusCode, headers: answer.headers, body: parsed as T };
  }

  logTail(lines: number): string {
    return this.logs.slice(-lines).join('\n');
  }

  /** Kills the process if it runs and removes the data dir (kept when SWITCHYARD_E2E_KEEP is set). */
  async dispose(): Promise<void> {
    if (this.child) await this.kill('SIGKILL').catch(() => undefined);
    await this.closePool();
    if (!process.env.SWITCHYARD_E2E_KEEP) await rm(this.dataDir, { recursive: true, force: true });
  }

  private async closePool(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy().catch(() => undefined);
  }
}
