import type { Db, Trx } from './database.js';
import { isUnavailable } from './unavailable-error.js';

interface Entry {
  work: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriteBatcherOptions {
  /** Most writes sharing one transaction. */
  maxBatch: number;
  /** Transactions in flight at once: 1 for SQLite (one writer), more for PostgreSQL. */
  parallel: number;
}

/**
 * Group commit. Writes queued while a transaction is running are committed together in the next one.
 * If a shared transaction fails, each of its writes is retried alone, so one bad write cannot fail
 * the others (unless the database itself is unavailable: then all fail at once); writes therefore must
 * only touch the database (no side effects outside it).
 */
export function createWriteBatcher(db: Db, options: WriteBatcherOptions) {
  const queue: Entry[] = [];
  let running = 0;
  let scheduled = false;

  const runBatch = async (batch: Entry[]): Promise<void> => {
    const results: unknown[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const entry of batch) results.push(await entry.work(trx));
      });
    } catch (error) {
      // Busy, full or down is about the database, not about one write: retrying each alone would only
      // wait out the busy timeout once per write.
      if (batch.length === 1 || isUnavailable(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      for (const entry of batch) await runBatch([entry]);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]));
  };

  const pump = (): void => {
    scheduled = false;
    while (running < options.parallel && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      running++;
      void runBatch(batch).finally(() => {
        running--;
        schedule();
      });
    }
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0 || running >= options.parallel) return;
    scheduled = true;
    // setImmediate lets every delivery that arrived in this turn of the event loop join the batch.
    setImmediate(pump);
  };

  return {
    write<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    /** Resolves when everything queued so far has been committed or refused. */
    async drain(): Promise<void> {
      while (queue.length > 0 || running > 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
