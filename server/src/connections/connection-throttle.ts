import { setTimeout as sleepFor } from 'node:timers/promises';
import type { PackManifest } from '@switchyard/connectors';
import type { Database } from '../storage/database.js';
import { throttleRepo } from '../storage/throttle-repo.js';
import type { ResolvedConnection } from './resolved-connection.js';
import { VendorError } from './vendor-error.js';

export interface ConnectionThrottle {
  /**
   * Waits for the connection's next request slot (the pack's `throttle`, shared by every run and
   * process). A short wait is slept here; a long one throws a retryable THROTTLED `VendorError` with
   * `retryAfterMs`, so the run is parked instead of holding a worker.
   */
  wait(pack: PackManifest, connection: ResolvedConnection | undefined, signal?: AbortSignal): Promise<void>;
}

export interface ConnectionThrottleOptions {
  database: Database;
  now(): number;
  /** Longest wait slept in place; default 2 s. */
  maxWaitMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function createConnectionThrottle(options: ConnectionThrottleOptions): ConnectionThrottle {
  const { database, now } = options;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, { signal }));
  return {
    async wait(pack, connection, signal) {
      if (!pack.throttle) return;
      const { requests, perSeconds } = pack.throttle;
      // Whole milliseconds (the column is an integer); rounding up keeps the rate at or below the limit.
      const intervalMs = Math.ceil((perSeconds * 1000) / requests);
      // No burst: evenly spaced slots are what keeps "N per S" true in EVERY window of S seconds. A
      // window-sized burst would let 2N - 1 through in the window that starts with it.
      const burstMs = intervalMs;
      // Without a connection (auth none) every run of the pack shares one budget.
      const key = connection ? `connection:${connection.id}` : `pack:${pack.id}`;
      const at = now();
      const slot = await database.write((trx) => throttleRepo.take(trx, database.dialect, key, { now: at, intervalMs, burstMs, maxWaitMs }));
      if (slot) {
        if (slot.at > at) await sleep(slot.at - at, signal);
        return;
      }
      const freeAt = await throttleRepo.nextFreeAt(database.db, key, burstMs, intervalMs);
      const retryAfterMs = Math.max(intervalMs, (freeAt ?? at + intervalMs) - at);
      throw new VendorError(
        'THROTTLED',
        `${pack.name} allows ${requests} requests per ${perSeconds} s on this connection; the next slot is in ${Math.ceil(retryAfterMs / 1000)} s`,
        { retryable: true, retryAfterMs },
      );
    },
  };
}
