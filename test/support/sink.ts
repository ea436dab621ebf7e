import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received, as it arrived. */
export interface SinkRequest {
  /** Arrival order, from 0. */
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  idempotencyKey: string | undefined;
  /** Date.now() when the request had been read completely. */
  receivedAt: number;
}

/** How the sink answers one request. */
export interface SinkReply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless it is a string. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer: hold the request until the client goes away or the sink closes. */
  hang?: boolean;
}

/** A reply, or a function computing it when the request arrives (e.g. an HTTP-date relative to now). */
export type SinkScriptEntry = SinkReply | ((request: SinkRequest) => SinkReply);

/**
 * A stand-in for a third-party API on 127.0.0.1: records every request, counts distinct
 * `Idempotency-Key`s as effects, and answers per path from a script (a queue of replies, then a
 * fallback), so tests can make it fail, throttle, slow down or hang.
 */
export class Sink {
  readonly requests: SinkRequest[] = [];
  private readonly scripts = new Map<string, SinkScriptEntry[]>();
  private readonly fallbacks = new Map<string, SinkScriptEntry>();
  private defaultReply: SinkScriptEntry = { status: 200, body: { ok: true } };
  private readonly listeners = new Set<() => void>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private port = 0;

  static async start(): Promise<Sink> {
    const sink = new Sink();
    await new Promise<void>((resolve, reject) => {
      sink.server.once('error', reject);
      sink.server.listen(0, '127.0.0.1', () => resolve());
    });
    sink.port = (sink.server.address() as AddressInfo).port;
    // Switchyard keeps connections alive; the sink should not be the one cutting them mid-test.
    sink.server.keepAliveTimeout = 30_000;
    return sink;
  }

  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replies for the next requests to `path`, in order; afterwards `fallback` (or the default reply). */
  script(path: string, replies: SinkScriptEntry[], fallback?: SinkScriptEntry): void {
    this.scripts.set(path, [...replies]);
    if (fallback) this.fallbacks.set(path, fallback);
  }

  /** The reply for every path without a script of its own. */
  setDefault(reply: SinkScriptEntry): void {
    this.defaultReply = reply;
  }

  requestsTo(path: string): SinkRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Distinct Idempotency-Key values seen (optionally only on paths starting with `prefix`). */
  effects(prefix = ''): Set<string> {
    const keys = new Set<string>();
    for (const request of this.requests) {
      if (request.idempotencyKey !== undefined && request.path.startsWith(prefix)) keys.add(request.idempotencyKey);
    }
    return keys;
  }

  /** Resolves once `predicate` holds over the recorded requests; bounded by `timeoutMs`. */
  waitUntil(predicate: (requests: SinkRequest[]) => boolean, timeoutMs: number, what = 'sink requests'): Promise<void> {
    if (predicate(this.requests)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.requests)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the sink saw ${this.requests.length} requests`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away mid-body
    }
    const body = Buffer.concat(chunks).toString('utf8');
    let json: unknown;
    try {
      json = body.length > 0 ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const key = req.headers['idempotency-key'];
    const request: SinkRequest = {
      seq: this.requests.length,
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://sink').pathname,
      headers: { ...req.headers },
      body,
      json,
      idempotencyKey: Array.isArray(key) ? key.join(',') : key,
      receivedAt: Date.now(),
    };
    this.requests.push(request);
    for (const listener of [...this.listeners]) listener();

    const queued = this.scripts.get(request.path);
    const entry = queued?.shift() ?? this.fallbacks.get(request.path) ?? this.defaultReply;
    const reply = typeof entry === 'function' ? entry(request) : entry;
    if (reply.hang) return; // held until the client disconnects or close() cuts every connection
    const send = () => {
      if (res.destroyed) return;
      const payload = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, {
        ...(typeof reply.body === 'string' || reply.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...reply.headers,
      });
      res.end(payload);
    };
    if (reply.delayMs) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
      }, reply.delayMs);
      this.timers.add(timer);
    } else {
      send();
    }
  }
}
