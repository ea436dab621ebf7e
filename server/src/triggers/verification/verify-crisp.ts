import { checkTimestamp } from './check-timestamp.js';
import { hmacMatches } from './hmac-matches.js';
import { readDigest } from './read-digest.js';
import { readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

/**
 * Crisp web hooks (plugin and website hooks): `X-Crisp-Signature: <hex>`, HMAC-SHA256 of
 * `[${timestamp};${rawBody}]` keyed by the hook's signing secret; `X-Crisp-Request-Timestamp` is unix seconds,
 * checked in both directions. crisp-api's `verifyHook` signs `JSON.stringify` of the parsed body, which is the
 * compact JSON Crisp sends, so signing the raw bytes agrees with it and survives any key order.
 */
export const verifyCrisp: WebhookVerifier<ConfigOf<'crisp'>> = (config, request, now) => {
  const timestamp = readHeader(request.headers, 'x-crisp-request-timestamp');
  if (!timestamp.ok) return refused(timestamp.reason);
  const signature = readDigest(request.headers, 'x-crisp-signature', { algorithm: 'sha256', encoding: 'hex' });
  if (!signature.ok) return refused(signature.reason);
  const stale = checkTimestamp(timestamp.value, now, config.toleranceSeconds);
  if (stale !== null) return refused(stale);

  const content = [`[${timestamp.value};`, request.rawBody, ']'];
  return hmacMatches('sha256', signingSecrets(config), content, [signature.digest]) ? verified : refused('signature does not match');
};
