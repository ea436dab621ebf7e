import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createEgressClient } from '../egress/create-egress-client.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import type { Database } from '../storage/database.js';
import { createConnections } from './create-connections.js';
import { createSecretBox } from './secret-box.js';
import type { VendorClient } from './vendor-client.js';

const noVendor = async (): Promise<never> => {
  throw new Error('these test connections call no vendor: create and edit them with skipTest');
};

/**
 * Connections on `database` for tests, with a fresh key and the test's clock: create and edit them with
 * `skipTest` (no vendor is reachable). `registry` installs the packs they belong to.
 */
export function createTestConnections(database: Database, now: () => number) {
  const box = createSecretBox(randomBytes(32));
  const registry = createPackRegistry({ database, now });
  const vendor: VendorClient = { send: noVendor, sendPaginated: noVendor };
  const log = pino({ level: 'silent' });
  const connections = createConnections({ database, box, egress: createEgressClient(), registry, vendor, log, now, publicUrl: 'https://switchyard.test' });
  return { box, registry, vendor, connections };
}
