import { checkSkew } from './check-timestamp.js';
import { hmacMatches } from './hmac-matches.js';
import { readDigest } from './read-digest.js';
import { hasHeader, readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type WebhookHeaders, type WebhookVerifier } from './webhook-verifier.js';

/** Shopify retries a failed delivery for up to 4 hours, keeping the original `Triggered-At`. */
export const SHOPIFY_RETRY_SPAN_SECONDS = 4 * 3600;

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an RFC 3339 instant (Shopify sends nanoseconds), or null when it is not one. */
function parseInstant(value: string): number | null {
  const match = ISO_INSTANT.exec(value);
  if (!match) return null;
  const millis = Date.parse(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}${match[3]}`);
  return Number.isNaN(millis) ? null : millis;
}

/**
 * `Triggered-At` is not signed, so checking it is no defence against a forger: it only drops deliveries
 * older than Shopify would ever retry, or stamped in the future. It is checked only when present once and
 * parseable; replays are stopped by deduping on `X-Shopify-Webhook-Id`.
 */
function checkTriggeredAt(headers: WebhookHeaders, name: string, now: number, toleranceSeconds: number): string | null {
  const header = readHeader(headers, name);
  const triggeredAt = header.ok ? parseInstant(header.value) : null;
  if (triggeredAt === null) return null;
  const stale = checkSkew(now - triggeredAt, toleranceSeconds, toleranceSeconds + SHOPIFY_RETRY_SPAN_SECONDS);
  return stale === null ? null : `${name}: ${stale}`;
}

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64>`, HMAC-SHA256 of the raw body keyed by the app's client
 * secret. Newer event deliveries use the same headers without the `X-` prefix; those are read when the
 * `X-` signature is absent.
 */
export const verifyShopify: WebhookVerifier<ConfigOf<'shopify'>> = (config, request, now) => {
  const headers = request.headers;
  const family = hasHeader(headers, 'x-shopify-hmac-sha256') || !hasHeader(headers, 'shopify-hmac-sha256') ? 'x-shopify-' : 'shopify-';
  const signature = readDigest(headers, `${family}hmac-sha256`, { algorithm: 'sha256', encoding: 'base64' });
  if (!signature.ok) return refused(signature.reason);
  const stale = checkTriggeredAt(headers, `${family}triggered-at`, now, config.toleranceSeconds);
  if (stale !== null) return refused(stale);
  return hmacMatches('sha256', signingSecrets(config), [request.rawBody], [signature.digest])
    ? verified
    : refused('signature does not match');
};
