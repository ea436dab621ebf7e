import { createHmac } from 'node:crypto';
import { checkTimestamp } from './check-timestamp.js';
import { decodeStrict, encodedLength } from './decode-strict.js';
import { readHeader } from './read-header.js';
import { safeEqual } from './safe-equal.js';
import { standardWebhooksKey } from './standard-webhooks-key.js';
import type { StandardWebhooksVerificationConfig } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

/** Senders list one signature per active key; more than a handful is abuse, not key rotation. */
export const MAX_SIGNATURES_CHECKED = 10;

const SIGNATURE_LENGTH = encodedLength(32, 'base64');

/**
 * Standard Webhooks (https://www.standardwebhooks.com): HMAC-SHA256 of `${id}.${timestamp}.${rawBody}`,
 * sent as a space-separated list of `v1,<base64>`; any match wins. Other versions (e.g. `v1a`) are ignored.
 */
export const verifyStandardWebhooks: WebhookVerifier<StandardWebhooksVerificationConfig> = (config, request, now) => {
  const id = readHeader(request.headers, 'webhook-id');
  if (!id.ok) return refused(id.reason);
  // A dot in the id would make the signed `id.timestamp.body` string ambiguous.
  if (id.value.includes('.')) return refused('webhook-id contains "."');
  const timestamp = readHeader(request.headers, 'webhook-timestamp');
  if (!timestamp.ok) return refused(timestamp.reason);
  const signatures = readHeader(request.headers, 'webhook-signature');
  if (!signatures.ok) return refused(signatures.reason);

  const stale = checkTimestamp(timestamp.value, now, config.toleranceSeconds);
  if (stale !== null) return refused(stale);
  const key = standardWebhooksKey(config.secret);
  if (key === null) return refused('secret is not a base64 key');

  const expected = createHmac('sha256', key)
    .update(`${id.value}.${timestamp.value}.`)
    .update(request.rawBody)
    .digest();

  let checked = 0;
  for (const entry of signatures.value.split(' ')) {
    const comma = entry.indexOf(',');
    if (entry.slice(0, comma) !== 'v1') continue;
    if (++checked > MAX_SIGNATURES_CHECKED) break;
    const encoded = entry.slice(comma + 1);
    const provided = encoded.length === SIGNATURE_LENGTH ? decodeStrict(encoded, 'base64') : null;
    if (provided !== null && safeEqual(provided, expected)) return verified;
  }
  return refused(checked === 0 ? 'no v1 signature' : 'no signature matches');
};
