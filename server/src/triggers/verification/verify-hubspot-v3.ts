import { checkTimestamp } from './check-timestamp.js';
import { hmacMatches } from './hmac-matches.js';
import { readDigest } from './read-digest.js';
import { readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

/** The escapes HubSpot decodes in the URI before signing (its request-validation docs list exactly these). */
const DECODED: Record<string, string> = {
  '3A': ':', '2F': '/', '3F': '?', '40': '@', '21': '!', '24': '$', '27': "'", '28': '(', '29': ')', '2A': '*', '2C': ',', '3B': ';',
};
const ESCAPE = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The request URI as HubSpot signs it; `@hubspot/api-client` leaves this step to its caller. */
export function hubspotSignedUri(url: string): string {
  return url.replace(ESCAPE, (_, hex: string) => DECODED[hex.toUpperCase()] ?? '');
}

/**
 * HubSpot v3: `X-HubSpot-Signature-v3: <base64>`, HMAC-SHA256 of `method + uri + rawBody + timestamp`
 * keyed by the app's client secret; `X-HubSpot-Request-Timestamp` is unix **milliseconds**, checked in
 * both directions. The legacy v1/v2 `X-HubSpot-Signature` (no timestamp) is not accepted.
 */
export const verifyHubspotV3: WebhookVerifier<ConfigOf<'hubspot-v3'>> = (config, request, now) => {
  const timestamp = readHeader(request.headers, 'x-hubspot-request-timestamp');
  if (!timestamp.ok) return refused(timestamp.reason);
  const signature = readDigest(request.headers, 'x-hubspot-signature-v3', { algorithm: 'sha256', encoding: 'base64' });
  if (!signature.ok) return refused(signature.reason);
  const stale = checkTimestamp(timestamp.value, now, config.toleranceSeconds, 'milliseconds');
  if (stale !== null) return refused(stale);

  const content = [request.method, hubspotSignedUri(request.url), request.rawBody, timestamp.value];
  return hmacMatches('sha256', signingSecrets(config), content, [signature.digest]) ? verified : refused('signature does not match');
};
