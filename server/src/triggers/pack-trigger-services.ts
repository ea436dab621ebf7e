import type { ConnectionAuth } from '../connections/resolved-connection.js';
import type { SecretBox } from '../connections/secret-box.js';
import type { VendorClient } from '../connections/vendor-client.js';
import type { PackRegistry } from '../registry/pack-registry.js';

/** What pack triggers need besides `TriggerDeps`: the installed packs, connections and the vendor client. */
export interface PackTriggerServices {
  registry: PackRegistry;
  connections: ConnectionAuth;
  vendor: VendorClient;
  /** The connections' secret box: subscription and handshake secrets are sealed with it in `triggers.state`. */
  box: SecretBox;
}
