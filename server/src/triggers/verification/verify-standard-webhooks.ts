import { checkTimestamp } from './check-timestamp.js';
import { hmacMatches, MAX_SIGNATURES_CHECKED } from './hmac-matches.js';
import { parseDigest } from './read-digest.js';
import { hasHeader, readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import { standardWebhooksKey } from './standard-webhooks-key.js';
import type { StandardWebhooksVerificationConfig } from './verification-config.js';
import { refused, verified, type WebhookHeaders, type WebhookVerifier } from './webhook-verifier.js';

/** Svix sends `svix-*` and prefers them over `webhook-*` when both are present, as its library does. */
function headerFor(headers: WebhookHeaders, part: 'id' | 'timestamp' | 'signature'): string {
  return hasHeader(headers, `svix-${part}`) ? `svix-${part}` : `webhook-${part}`;
}

/**
 * Standard Webhooks (https://www.standardwebhooks.com) and Svix: HMAC-SHA256 of `${id}.${timestamp}.${rawBody}`,
 * sent as a space-separated list of `v1,<base64>`; any signature under any secret wins. Other versions
 * (e.g. `v1a`) are ignored.
 */
export const verifyStandardWebhooks: WebhookVerifier<StandardWebhooksVerificationConfig> = (config, request, now) => {
  const { headers } = request;
  const idHeader = headerFor(headers, 'id');
  const id = readHeader(headers, idHeader);
  if (!id.ok) return refused(id.reason);
  // A dot in the id would make the signed `id.timestamp.body` string ambiguous.
  if (id.value.includes('.')) return refused(`${idHeader} contains "."`);
  const timestamp = readHeader(headers, headerFor(headers, 'timestamp'));
  if (!timestamp.ok) return refused(timestamp.reason);
  const signatures = readHeader(headers, headerFor(headers, 'signature'));
  if (!signatures.ok) return refused(signatures.reason);

  const stale = checkTimestamp(timestamp.value, now, config.toleranceSeconds);
  if (stale !== null) return refused(stale);
  const keys = signingSecrets(config).map(standardWebhooksKey);
  if (keys.includes(null)) return refused('secret is not a base64 key');

  let listed = 0;
  const provided: Buffer[] = [];
  for (const entry of signatures.value.split(' ')) {
    const comma = entry.indexOf(',');
    if (entry.slice(0, comma) !== 'v1') continue;
    if (++listed > MAX_SIGNATURES_CHECKED) break;
    const digest = parseDigest(entry.slice(comma + 1), { algorithm: 'sha256', encoding: 'base64' });
    if (digest !== null) provided.push(digest);
  }
  if (listed === 0) return refused('no v1 signature');
  const content = [`${id.value}.${timestamp.value}.`, request.rawBody];
  return hmacMatches('sha256', keys as Buffer[], content, provided) ? verified : refused('no signature matches');
};
