import { checkTimestamp } from './check-timestamp.js';
import { hmacMatches } from './hmac-matches.js';
import { readDigest } from './read-digest.js';
import { readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { HmacVerificationConfig } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

/** Generic HMAC over the raw body (optionally `${timestamp}.` + body), one signature in one header. */
export const verifyHmac: WebhookVerifier<HmacVerificationConfig> = (config, request, now) => {
  const signature = readDigest(request.headers, config.header, config);
  if (!signature.ok) return refused(signature.reason);

  let timestamp: string | undefined;
  if (config.timestampHeader !== undefined) {
    const read = readHeader(request.headers, config.timestampHeader);
    if (!read.ok) return refused(read.reason);
    const stale = checkTimestamp(read.value, now, config.toleranceSeconds);
    if (stale !== null) return refused(stale);
    timestamp = read.value;
  }

  let content: (string | Buffer)[] = [request.rawBody];
  if (config.signedPayload === 'timestamp.body') {
    if (timestamp === undefined) return refused('signedPayload "timestamp.body" needs a timestampHeader');
    content = [`${timestamp}.`, request.rawBody];
  }
  const matches = hmacMatches(config.algorithm, signingSecrets(config), content, [signature.digest]);
  return matches ? verified : refused('signature does not match');
};
