import type { ConnectionAuth } from '../connections/resolved-connection.js';
import type { VendorClient } from '../connections/vendor-client.js';
import type { PackRegistry } from '../registry/pack-registry.js';

/** What pack triggers need besides `TriggerDeps`: the installed packs, connections and the vendor client. */
export interface PackTriggerServices {
  registry: PackRegistry;
  connections: ConnectionAuth;
  vendor: VendorClient;
}
