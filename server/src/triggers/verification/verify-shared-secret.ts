import { createHash } from 'node:crypto';
import { readHeader } from './read-header.js';
import { safeEqual } from './safe-equal.js';
import { signingSecrets } from './signing-secrets.js';
import type { SharedSecretVerificationConfig } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

// Both sides are hashed first so the comparison takes the same time whatever the lengths (the secret's length stays hidden).
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * A secret the sender repeats verbatim in a header it lets the user set (PostHog's webhook destination,
 * any "custom headers" webhook): `<prefix><secret>`, e.g. `Authorization: Bearer <secret>`. Nothing is
 * signed, so it proves only that the sender knows the secret; dedupe guards against replays.
 */
export const verifySharedSecret: WebhookVerifier<SharedSecretVerificationConfig> = (config, request) => {
  const header = readHeader(request.headers, config.header);
  if (!header.ok) return refused(header.reason);
  const prefix = config.prefix ?? '';
  if (!header.value.startsWith(prefix)) return refused(`${config.header.toLowerCase()} does not start with "${prefix}"`);
  const presented = digest(header.value.slice(prefix.length).trim());
  let matches = false;
  // Every secret is compared (no early exit), so timing does not tell which one matched.
  for (const secret of signingSecrets(config)) matches = safeEqual(presented, digest(secret)) || matches;
  return matches ? verified : refused('secret does not match');
};
