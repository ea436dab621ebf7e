import type { Database } from '../storage/database.js';
import { inboxRepo, type Delivery, type IngestResult } from '../storage/inbox-repo.js';
import { isUnavailable } from '../storage/unavailable-error.js';

interface Pending {
  delivery: Delivery;
  resolve: (result: IngestResult) => void;
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
    database.write((trx) => inboxRepo.ingest(trx, batch.map((p) => p.delivery), now())).then(
      (results) => batch.forEach((p, index) => p.resolve(results[index]!)),
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

  return {
    enqueue(delivery: Delivery): Promise<IngestResult> {
      return new Promise((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ delivery, resolve, reject });
      });
    },
  };
}
