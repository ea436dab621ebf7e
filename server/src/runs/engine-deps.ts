import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { ConnectionAuth } from '../connections/resolved-connection.js';
import type { VendorClient } from '../connections/vendor-client.js';
import type { EgressClient } from '../egress/egress-client.js';
import type { PackRegistry } from '../registry/pack-registry.js';
import type { Database } from '../storage/database.js';

/** Everything the run engine needs from the outside, wired once in main.ts. */
export interface EngineDeps {
  database: Database;
  egress: EgressClient;
  /** Installed packs: steps whose `use` is not a core step are pack actions found here. */
  registry: PackRegistry;
  /** Resolves a pack step's connection (refreshing OAuth tokens). */
  connections: ConnectionAuth;
  /** How pack steps call their vendor (throttle, auth, errors). */
  vendor: VendorClient;
  log: Logger;
  /** Base of links the engine hands out (approval URLs). */
  publicUrl: string;
  approvalKey: Buffer;
  now(): number;
  /** Emits `finished` (runId, status) after a run's final commit in this process. */
  events: EventEmitter;
  /** Default limit for one step attempt when the step sets none. */
  stepTimeoutMs: number;
  /** Default limit for a whole run when the recipe sets none. */
  runTimeoutMs: number;
  /** Observes every step attempt (metrics). */
  onStepFinished(use: string, outcome: 'succeeded' | 'failed' | 'parked', ms: number): void;
}
