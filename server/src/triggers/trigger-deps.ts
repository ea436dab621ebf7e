import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Database } from '../storage/database.js';

export interface TriggerDeps {
  database: Database;
  log: Logger;
  now(): number;
  publicUrl: string;
  /** Run engine events (`finished`), used by webhooks that answer with the run's result. */
  events: EventEmitter;
  /** Called after new runs were committed, so an in-process worker starts them at once. */
  onEnqueued(): void;
  runTimeoutMs: number;
}
