import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { DeliveryQueue } from '../runs/delivery-queue.js';
import type { Database } from '../storage/database.js';
import type { PackTriggerServices } from './pack-trigger-services.js';

export interface TriggerDeps {
  database: Database;
  /** Where new events go: inbox + run + job, committed before the promise resolves. */
  deliveries: DeliveryQueue;
  log: Logger;
  now(): number;
  publicUrl: string;
  /** Run engine events (`finished`), used by webhooks that answer with the run's result. */
  events: EventEmitter;
  /** Called after new runs were committed, so an in-process worker starts them at once. */
  onEnqueued(): void;
  runTimeoutMs: number;
  /** Installed packs, connections and the vendor client; without them pack triggers cannot be published. */
  packs?: PackTriggerServices | undefined;
}
