import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import type { RecipeDefinition } from './contracts/recipe-definition.js';
import type { RunDetail } from './contracts/run.js';
import { wire } from './main.js';
import type { Worker } from './runs/worker.js';
import { createApiToken } from './security/create-api-token.js';
import type { Role } from './security/roles.js';
import type { Dialect } from './storage/database.js';
import { openTestDatabase } from './storage/test-databases.js';
import { userRepo } from './storage/user-repo.js';

/**
 * The whole system in one process for API and engine tests: `wire()` on a fresh database, the Hono app
 * called through `app.request()` (no port), the real worker, and a sink HTTP server standing in for
 * third parties.
 */

export interface SinkAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  /** Holds the answer back this long. */
  delayMs?: number;
}

export interface SinkRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface Sink {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  requests: SinkRequest[];
  /** Requests received on one path (query string excluded). */
  hits(path: string): SinkRequest[];
  /** Answers the next requests on `path` in this order; once used up, the path answers 200 with the request echoed. */
  script(path: string, ...answers: SinkAnswer[]): void;
  close(): Promise<void>;
}

/** A recording HTTP server on 127.0.0.1 port 0 whose answers can be scripted per path. */
export async function startSink(): Promise<Sink> {
  const requests: SinkRequest[] = [];
  const scripts = new Map<string, SinkAnswer[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(request.url ?? '/', 'http://sink').pathname;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      requests.push({ method: request.method ?? '', path, headers: request.headers, body, json });
      const answer = scripts.get(path)?.shift() ?? { body: { received: json ?? body } };
      const send = () => {
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
        const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
        response.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers });
        response.end(text);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hits: (path) => requests.filter((request) => request.path === path),
    script: (path, ...answers) => scripts.set(path, answers),
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ApiAnswer {
  status: number;
  // Tests read whatever shape the route answers; the contracts check it, not the type system here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface RequestOptions {
  /** Bearer token to send; the owner's by default, null for none. */
  token?: string | null;
  headers?: Record<string, string>;
  /** A raw body sent as is (no JSON encoding, no content type added); a stream goes out chunked. */
  raw?: string | Uint8Array | ReadableStream<Uint8Array>;
}

export interface TestSystemOptions {
  dialect?: Dialect;
  /** Start the worker at once (default true). */
  worker?: boolean;
  /** Create an owner with an API token (default true); false leaves the server at first start. */
  owner?: boolean;
  leaseMs?: number;
}

const finished = ['succeeded', 'failed', 'cancelled'];

export async function startTestSystem(options: TestSystemOptions = {}) {
  const storage = await openStorage(options.dialect ?? 'sqlite');
  const config = loadConfig({
    SWITCHYARD_DATA_DIR: storage.dataDir,
    SWITCHYARD_DATABASE_URL: storage.url,
    SWITCHYARD_EGRESS_ALLOW: '127.0.0.1',
    SWITCHYARD_WORKER_CONCURRENCY: '16',
    SWITCHYARD_LOG_LEVEL: process.env['SWITCHYARD_TEST_LOG'] ?? 'silent',
  });
  const wired = await wire({ ...config, leaseMs: options.leaseMs ?? config.leaseMs });
  const app = createApp(wired.appDeps);
  const sink = await startSink();
  const workers: Worker[] = [];
  let users = 0;

  const addUser = async (role: Role): Promise<string> => {
    const now = Date.now();
    users++;
    // No usable password hash: these users act through API tokens only, which keeps scrypt out of the tests.
    const user = await userRepo.create(wired.database.db, { email: `${role}-${users}@example.com`, passwordHash: '!', role, now });
    return (await createApiToken(wired.database.db, user.id, `${role} token`, now)).token;
  };
  const ownerToken = options.owner === false ? null : await addUser('owner');

  const request = async (method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? ownerToken : opts.token;
    if (token) headers['authorization'] = `Bearer ${token}`;
    let payload = opts.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    // Fetch needs `duplex: 'half'` to send a stream (Node's RequestInit type does not list it yet).
    const streaming = payload instanceof ReadableStream && { duplex: 'half' };
    const response = await app.request(path, { method, headers, ...(payload !== undefined && { body: payload }), ...streaming } as RequestInit);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Pages (approvals) and metrics are not JSON; the text is the body.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const api = (method: string, path: string, body?: unknown, opts?: RequestOptions) => request(method, `/api/v1${path}`, body, opts);

  const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const system = {
    app,
    wired,
    sink,
    ownerToken,
    /** Workers started so far; the first is the one started with the system. */
    workers,
    request,
    api,
    addUser,
    waitFor,

    startWorker(): Worker {
      const worker = wired.startWorker();
      workers.push(worker);
      return worker;
    },

    async createRecipe(definition: RecipeDefinition, name = 'Test recipe'): Promise<string> {
      const created = await api('POST', '/recipes', { name, ...definition });
      if (created.status !== 201) throw new Error(`creating the recipe failed: ${JSON.stringify(created.body)}`);
      return created.body.id as string;
    },

    /** Creates and publishes; `hookPath` is the webhook's path (`/hooks/<token>`) when it has one. */
    async publish(definition: RecipeDefinition, name?: string): Promise<{ recipeId: string; hookPath: string }> {
      const recipeId = await system.createRecipe(definition, name);
      const published = await api('POST', `/recipes/${recipeId}/publish`);
      if (published.status !== 200) throw new Error(`publishing failed: ${JSON.stringify(published.body)}`);
      const url = published.body.trigger?.webhookUrl as string | undefined;
      return { recipeId, hookPath: url ? new URL(url).pathname : '' };
    },

    postWebhook(hookPath: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
      return request('POST', hookPath, body, { token: null, headers });
    },

    /** Polls `GET /runs/:id` until the run is finished (or `until` holds). */
    waitForRun(runId: string, until: (run: RunDetail) => boolean = (run) => finished.includes(run.status)): Promise<RunDetail> {
      return waitFor(async () => {
        const answer = await api('GET', `/runs/${runId}`);
        return answer.status === 200 && until(answer.body as RunDetail) ? (answer.body as RunDetail) : undefined;
      }, `run ${runId}`);
    },

    /** Posts a webhook and waits for the run it started to finish. */
    async deliver(hookPath: string, body: unknown, headers?: Record<string, string>): Promise<RunDetail> {
      const answer = await system.postWebhook(hookPath, body, headers);
      if (answer.status !== 202) throw new Error(`the webhook answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return system.waitForRun(answer.body.runId as string);
    },

    async close(): Promise<void> {
      for (const worker of workers) await worker.stop(1000);
      await sink.close();
      await wired.close();
      await storage.remove();
    },
  };
  if (options.worker !== false) system.startWorker();
  return system;
}

export type TestSystem = Awaited<ReturnType<typeof startTestSystem>>;

/** A step of a run by its path (for a top-level step, its id). */
export function stepOf(run: RunDetail, path: string) {
  const step = run.steps.find((s) => s.path === path);
  if (!step) throw new Error(`run ${run.id} has no step ${path}; it has ${run.steps.map((s) => s.path).join(', ')}`);
  return step;
}

async function openStorage(dialect: Dialect): Promise<{ url: string; dataDir: string; remove(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sy-system-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') return { url: join(dataDir, 'switchyard.db'), dataDir, remove: removeDir };
  // A fresh PostgreSQL database from the storage helper; wire() opens its own pool on it, so only its name is taken.
  const test = await openTestDatabase('postgres');
  const url = new URL(process.env['SWITCHYARD_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test');
  url.pathname = new URL(test.database.location).pathname;
  return {
    url: url.toString(),
    dataDir,
    async remove() {
      await test.cleanup();
      await removeDir();
    },
  };
}
