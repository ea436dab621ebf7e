import type { Database, Trx } from '../storage/database.js';
import { inboxRepo, type Delivery, type IngestResult } from '../storage/inbox-repo.js';
import { isUnavailable } from '../storage/unavailable-error.js';

interface Pending {
  deliveries: Delivery[];
  /** More writes that must commit with these deliveries or not at all (a poll's cursor and seen ids). */
  alsoWrite?: ((trx: Trx) => Promise<void>) | undefined;
  resolve: (results: IngestResult[]) => void;
  reject: (error: unknown) => void;
}

export type DeliveryQueue = ReturnType<typeof createDeliveryQueue>;

/**
 * The one way triggers hand work to the run engine. Deliveries that arrive in the same turn of the
 * event loop are stored by one multi-row ingest inside one transaction (group commit); each promise
 * resolves only after that commit, so a caller that answers 2xx afterwards never acknowledges an
 * event that could still be lost.
 */
export function createDeliveryQueue(database: Database, now: () => number) {
  let pending: Pending[] = [];

  const ingest = (batch: Pending[]) =>
    database
      .write(async (trx) => {
        const results = await inboxRepo.ingest(trx, batch.flatMap((p) => p.deliveries), now());
        for (const p of batch) await p.alsoWrite?.(trx);
        return results;
      })
      .then(
        (results) => {
          let offset = 0;
          for (const p of batch) p.resolve(results.slice(offset, (offset += p.deliveries.length)));
        },
        (error: unknown) => {
          if (batch.length === 1 || isUnavailable(error)) return batch.forEach((p) => p.reject(error));
          // Nothing of the batch was committed. One bad delivery (its recipe deleted a moment ago, say) must
          // not fail the others, so each is stored on its own (the write batcher still shares their commits).
          for (const p of batch) void ingest([p]);
        },
      );

  const flush = () => {
    const batch = pending;
    pending = [];
    void ingest(batch);
  };

  /**
   * Several deliveries that commit together, plus `alsoWrite` in the same transaction: a poll's runs,
   * its new cursor and its seen ids are durable together or not at all. If `alsoWrite` throws, nothing
   * of this call is stored and the promise rejects with its error (others in the batch are retried alone).
   */
  const enqueueAll = (deliveries: Delivery[], alsoWrite?: (trx: Trx) => Promise<void>): Promise<IngestResult[]> =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ deliveries, alsoWrite, resolve, reject });
    });

  return {
    enqueue: (delivery: Delivery): Promise<IngestResult> => enqueueAll([delivery]).then((results) => results[0]!),
    enqueueAll,
  };
}
