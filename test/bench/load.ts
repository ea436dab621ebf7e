import { Pool } from 'undici';
import { percentile, sortedCopy } from './stats.js';

export interface LoadOptions {
  /** http://127.0.0.1:<port> only. */
  origin: string;
  path: string;
  concurrency: number;
  /** Stop starting requests after this long. */
  durationMs: number;
  /** And after this many requests in total, whichever comes first. */
  maxRequests: number;
  /** The JSON body of request number `i` (unique ids come from here). */
  body: (i: number) => string;
}

export interface LoadResult {
  concurrency: number;
  sent: number;
  /** Answers with a 2xx status. */
  ok: number;
  statuses: Record<string, number>;
  /** Transport errors (connection refused, reset, timeout), by message. */
  errors: Record<string, number>;
  elapsedMs: number;
  okPerSec: number;
  p50: number;
  p99: number;
  max: number;
  /** Sample bodies of non-2xx answers, for the report. */
  badBodies: string[];
}

/** Closed-loop load: `concurrency` senders, each sending its next request when the previous one is answered. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.origin);
  if (url.hostname !== '127.0.0.1') throw new Error(`the benchmark only sends to 127.0.0.1, not ${url.hostname}`);
  const pool = new Pool(options.origin, {
    connections: options.concurrency,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const badBodies: string[] = [];
  let next = 0;
  let ok = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;

  const sender = async () => {
    while (performance.now() < deadline && next < options.maxRequests) {
      const i = next++;
      const body = options.body(i);
      const t0 = performance.now();
      try {
        const response = await pool.request({
          path: options.path,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.body.text();
        latencies.push(performance.now() - t0);
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
        if (response.statusCode >= 200 && response.statusCode < 300) ok++;
        else if (badBodies.length < 3) badBodies.push(`${response.statusCode} ${text.slice(0, 200)}`);
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        errors[message] = (errors[message] ?? 0) + 1;
        // A refused connection would otherwise spin; back off a little.
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, sender));
  const elapsedMs = performance.now() - started;
  await pool.close();
  const sorted = sortedCopy(latencies);
  return {
    concurrency: options.concurrency,
    sent: next,
    ok,
    statuses,
    errors,
    elapsedMs,
    okPerSec: (ok / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    badBodies,
  };
}
