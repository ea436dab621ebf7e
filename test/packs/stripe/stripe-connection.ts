import Stripe from 'stripe';
import { saveConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { StripeFake } from './stripe-fake.js';

export const secretKey = 'sk_test_51Q8pTzLkdIwHu7ixSwitchyardE2e';

/** The `Stripe-Version` the installed pack pins, read from the manifest the server installed. */
export async function pinnedApiVersion(server: SwitchyardProcess): Promise<string> {
  const pack = await server.api<{ manifest: { headers: Record<string, string> } }>('GET', '/packs/stripe');
  if (pack.status !== 200) throw new Error(`GET /packs/stripe answered ${pack.status}`);
  return pack.body.manifest.headers['Stripe-Version']!;
}

/** The oracle: the official SDK pointed at the fake, on the same API version as the pack, without retries. */
export function stripeSdk(fake: StripeFake, apiVersion: string): Stripe {
  // The SDK types its apiVersion as the one it ships with; the pack pins that same version, and the test checks it.
  return new Stripe(secretKey, { host: '127.0.0.1', port: fake.port, protocol: 'http', apiVersion: apiVersion as Stripe.LatestApiVersion, maxNetworkRetries: 0 });
}

/** Saves a Stripe connection pointed at the fake (its test request runs there); answers its id. */
export async function connectStripe(server: SwitchyardProcess, fake: StripeFake, fields: Record<string, string> = {}): Promise<string> {
  const created = await saveConnection(server, { packId: 'stripe', name: 'Stripe (test mode)', fields: { secret_key: secretKey, base_url: fake.url, ...fields } });
  if (created.status !== 201) throw new Error(`POST /connections answered ${created.status}: ${created.message}`);
  return created.id;
}
