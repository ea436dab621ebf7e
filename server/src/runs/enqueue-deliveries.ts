import type { Database } from '../storage/database.js';
import { inboxRepo, type Delivery, type IngestResult } from '../storage/inbox-repo.js';

/**
 * The one way triggers hand work to the run engine. Deliveries queued at the same moment share one
 * transaction (group commit); the promise resolves only after that commit, so a caller that answers
 * 2xx afterwards never acknowledges an event that could still be lost.
 */
export function enqueueDeliveries(database: Database, deliveries: Delivery[], now: number): Promise<IngestResult[]> {
  return database.write((trx) => inboxRepo.ingest(trx, deliveries, now));
}
