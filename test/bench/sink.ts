import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The target of W2's `core/http` step: answers 200 at once and counts distinct Idempotency-Keys
 * (a retried call carries the same key, so distinct keys are completed runs).
 */
export async function startSink() {
  const keys = new Set<string>();
  let hits = 0;
  let withoutKey = 0;
  let firstAt = Number.NaN;
  let lastAt = Number.NaN;
  const waiters: { n: number; resolve: () => void }[] = [];

  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string') {
        if (!keys.has(key)) {
          keys.add(key);
          lastAt = performance.now();
          if (Number.isNaN(firstAt)) firstAt = lastAt;
          for (let i = waiters.length - 1; i >= 0; i--) {
            if (keys.size >= waiters[i]!.n) waiters.splice(i, 1)[0]!.resolve();
          }
        }
      } else withoutKey++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/sink`,
    get distinct() {
      return keys.size;
    },
    get hits() {
      return hits;
    },
    get withoutKey() {
      return withoutKey;
    },
    get firstAt() {
      return firstAt;
    },
    get lastAt() {
      return lastAt;
    },
    reset() {
      keys.clear();
      hits = 0;
      withoutKey = 0;
      firstAt = Number.NaN;
      lastAt = Number.NaN;
    },
    /** Resolves true once `n` distinct keys were seen, false after `timeoutMs`. */
    waitFor(n: number, timeoutMs: number): Promise<boolean> {
      if (keys.size >= n) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(true);
          },
        };
        const timer = setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          resolve(false);
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type Sink = Awaited<ReturnType<typeof startSink>>;
