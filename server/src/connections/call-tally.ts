import type { Logger } from 'pino';
import type { Database } from '../storage/database.js';
import { dayMs, healthRepo, type ConnectionTally } from '../storage/health-repo.js';

/**
 * Counts vendor calls and failures per connection per day for the integration health view. A call adds to
 * memory only; `flush` writes the tallies as additions (every process adds its own), so the hot path costs
 * no write. A crash loses at most one interval of counts: these are health figures, not run records.
 */
export function createCallTally(deps: { database: Database; now(): number; log: Logger }) {
  let pending = new Map<string, ConnectionTally>();

  return {
    record(connectionId: string, failure: string | null): void {
      const at = deps.now();
      const day = Math.floor(at / dayMs);
      const key = `${connectionId}|${day}`;
      const tally = pending.get(key) ?? { connectionId, day, calls: 0, failures: 0, lastCallAt: at, lastFailureAt: null, lastFailure: null };
      tally.calls++;
      tally.lastCallAt = at;
      if (failure !== null) {
        tally.failures++;
        tally.lastFailureAt = at;
        tally.lastFailure = failure.slice(0, 500);
      }
      pending.set(key, tally);
    },

    async flush(): Promise<void> {
      if (pending.size === 0) return;
      const tallies = [...pending.values()];
      pending = new Map();
      try {
        await deps.database.write((trx) => healthRepo.addConnectionTallies(trx, tallies));
      } catch (error) {
        // Kept for the next flush rather than lost: the database may be briefly unavailable.
        for (const tally of tallies) {
          const key = `${tally.connectionId}|${tally.day}`;
          const newer = pending.get(key);
          pending.set(key, newer ? merge(tally, newer) : tally);
        }
        deps.log.warn({ err: error }, 'could not write connection call counts; kept for the next flush');
      }
    },
  };
}

function merge(older: ConnectionTally, newer: ConnectionTally): ConnectionTally {
  return {
    ...newer,
    calls: older.calls + newer.calls,
    failures: older.failures + newer.failures,
    lastFailureAt: newer.lastFailureAt ?? older.lastFailureAt,
    lastFailure: newer.lastFailure ?? older.lastFailure,
  };
}

export type CallTally = ReturnType<typeof createCallTally>;
