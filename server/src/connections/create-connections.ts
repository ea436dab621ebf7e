import type { Logger } from 'pino';
import type { EgressClient } from '../egress/egress-client.js';
import type { PackRegistry } from '../registry/pack-registry.js';
import type { Database } from '../storage/database.js';
import { createConnectionAuth } from './connection-auth.js';
import { createConnectionService } from './connection-service.js';
import { createOAuthAuthorization } from './oauth-authorization.js';
import { createOAuth2Client } from './oauth2-client.js';
import type { SecretBox } from './secret-box.js';
import { createTokenRefresher } from './token-refresher.js';
import { createTokenSweep } from './token-sweep.js';
import type { VendorClient } from './vendor-client.js';

export interface ConnectionsDeps {
  database: Database;
  box: SecretBox;
  egress: EgressClient;
  registry: PackRegistry;
  vendor: VendorClient;
  log: Logger;
  now(): number;
  /** Base of the OAuth redirect URI. */
  publicUrl: string;
}

/** Everything connections offer, wired once: the HTTP service, `ConnectionAuth` for runs and triggers, the sweep. */
export function createConnections(deps: ConnectionsDeps) {
  const oauth = createOAuth2Client(deps.egress);
  const refresher = createTokenRefresher({ ...deps, oauth });
  const auth = createConnectionAuth({ ...deps, refresher });
  const authorization = createOAuthAuthorization({ ...deps, oauth });
  const service = createConnectionService({ ...deps, oauth, authorization, auth });
  return { auth, service, authorization, box: deps.box, refreshExpiringTokens: createTokenSweep({ ...deps, refresher }) };
}

export type Connections = ReturnType<typeof createConnections>;
