import { checkTimestamp } from './check-timestamp.js';
import { hmacMatches, MAX_SIGNATURES_CHECKED } from './hmac-matches.js';
import { parseDigest } from './read-digest.js';
import { readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

// No whitespace allowed: two Stripe-Signature headers joined with ", " must not parse as one.
const KEY = /^[a-z0-9]+$/;

/**
 * Stripe: `Stripe-Signature: t=<unix s>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of `${t}.${rawBody}` keyed by
 * the `whsec_…` string as-is. Any `v1` may match (Stripe sends one per active secret); `v0` and unknown
 * keys are ignored. Unlike stripe-node, a timestamp too far in the future is refused too.
 */
export const verifyStripe: WebhookVerifier<ConfigOf<'stripe'>> = (config, request, now) => {
  const header = readHeader(request.headers, 'stripe-signature');
  if (!header.ok) return refused(header.reason);

  let timestamp: string | undefined;
  let listed = 0;
  const signatures: Buffer[] = [];
  for (const item of header.value.split(',')) {
    const equals = item.indexOf('=');
    const key = item.slice(0, equals);
    if (equals < 0 || !KEY.test(key)) return refused('stripe-signature is not a list of key=value');
    const value = item.slice(equals + 1);
    if (key === 't') {
      if (timestamp !== undefined) return refused('stripe-signature has more than one t=');
      timestamp = value;
    } else if (key === 'v1' && ++listed <= MAX_SIGNATURES_CHECKED) {
      const digest = parseDigest(value, { algorithm: 'sha256', encoding: 'hex' });
      if (digest !== null) signatures.push(digest);
    }
  }
  if (timestamp === undefined) return refused('stripe-signature has no t=');
  const stale = checkTimestamp(timestamp, now, config.toleranceSeconds);
  if (stale !== null) return refused(stale);
  if (listed === 0) return refused('stripe-signature has no v1= signature');

  const matches = hmacMatches('sha256', signingSecrets(config), [`${timestamp}.`, request.rawBody], signatures);
  return matches ? verified : refused('no signature matches');
};
