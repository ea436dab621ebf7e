import { decodeStrict } from './decode-strict.js';

const PREFIX = 'whsec_';

/** The HMAC key of a Standard Webhooks secret: base64 after the optional `whsec_` prefix, or null. */
export function standardWebhooksKey(secret: string): Buffer | null {
  return decodeStrict(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
}
