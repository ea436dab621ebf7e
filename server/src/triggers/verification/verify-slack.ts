import { checkTimestamp } from './check-timestamp.js';
import { hmacMatches } from './hmac-matches.js';
import { readDigest } from './read-digest.js';
import { readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

/**
 * Slack: `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 of `v0:${timestamp}:${rawBody}` keyed by the app's
 * signing secret; `X-Slack-Request-Timestamp` is unix seconds, checked in both directions (Bolt checks age only).
 */
export const verifySlack: WebhookVerifier<ConfigOf<'slack'>> = (config, request, now) => {
  const timestamp = readHeader(request.headers, 'x-slack-request-timestamp');
  if (!timestamp.ok) return refused(timestamp.reason);
  const signature = readDigest(request.headers, 'x-slack-signature', { algorithm: 'sha256', encoding: 'hex', prefix: 'v0=' });
  if (!signature.ok) return refused(signature.reason);
  const stale = checkTimestamp(timestamp.value, now, config.toleranceSeconds);
  if (stale !== null) return refused(stale);

  const content = [`v0:${timestamp.value}:`, request.rawBody];
  return hmacMatches('sha256', signingSecrets(config), content, [signature.digest]) ? verified : refused('signature does not match');
};
