import type { Logger } from 'pino';
import type { Connections } from '../connections/create-connections.js';
import type { Metrics } from '../observability/metrics.js';
import type { PackDownloadDeps } from '../registry/download-pack-bytes.js';
import type { ManagedPackRegistry } from '../registry/pack-admin.js';
import type { EngineDeps } from '../runs/engine-deps.js';
import type { HealthMonitorDeps } from '../health/health-monitor.js';
import type { Housekeeper } from '../runs/housekeeper.js';
import type { Principal } from '../security/principal.js';
import type { SignInProvider } from '../security/sign-in-provider.js';
import type { Database } from '../storage/database.js';
import type { PackWebhookSource } from '../triggers/sources/pack-webhook-source.js';
import type { WebhookSource } from '../triggers/sources/webhook-source.js';
import type { TriggerDeps } from '../triggers/trigger-deps.js';

export interface AppDeps {
  database: Database;
  log: Logger;
  now(): number;
  publicUrl: string;
  webhooks: WebhookSource;
  /** Deliveries to pack webhook and subscription triggers (same `/hooks/<token>` route); absent without packs. */
  packWebhooks?: PackWebhookSource | undefined;
  triggers: TriggerDeps;
  engine: EngineDeps;
  /** What integration health reads and the alert check runs with. */
  health: HealthMonitorDeps;
  metrics: Metrics;
  housekeeper: Housekeeper;
  /** Connection service, OAuth flow and token sweep (connections/create-connections.ts). */
  connections: Connections;
  /** Installed connector packs: lookups, install, removal. */
  packs: ManagedPackRegistry;
  /** How pack downloads (npm, https) reach out: the egress client, its allow-list, the npm registry. */
  packDownloads: PackDownloadDeps;
  /** False while starting or draining: `/readyz` answers 503 and webhooks are refused with Retry-After. */
  accepting(): boolean;
  /** Built web app to serve at `/`, if present. */
  webRoot?: string | undefined;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  /** Sign-in providers from the environment (the owner adds more in settings). */
  signInProviders: SignInProvider[];
  /** Only for the in-process app the CLI drives (never served): requests without credentials act as this user. */
  localPrincipal?: Principal | undefined;
}
