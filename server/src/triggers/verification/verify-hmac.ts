import { createHmac } from 'node:crypto';
import { checkTimestamp } from './check-timestamp.js';
import { decodeStrict, encodedLength } from './decode-strict.js';
import { readHeader } from './read-header.js';
import { safeEqual } from './safe-equal.js';
import type { HmacVerificationConfig } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

const DIGEST_BYTES: Record<HmacVerificationConfig['algorithm'], number> = { sha1: 20, sha256: 32, sha512: 64 };

/** Generic HMAC over the raw body (optionally `${timestamp}.` + body), one signature in one header. */
export const verifyHmac: WebhookVerifier<HmacVerificationConfig> = (config, request, now) => {
  const header = readHeader(request.headers, config.header);
  if (!header.ok) return refused(header.reason);
  const prefix = config.prefix ?? '';
  if (!header.value.startsWith(prefix)) return refused(`signature does not start with "${prefix}"`);
  const encoded = header.value.slice(prefix.length);

  let timestamp: string | undefined;
  if (config.timestampHeader !== undefined) {
    const read = readHeader(request.headers, config.timestampHeader);
    if (!read.ok) return refused(read.reason);
    const stale = checkTimestamp(read.value, now, config.toleranceSeconds);
    if (stale !== null) return refused(stale);
    timestamp = read.value;
  }

  const bytes = DIGEST_BYTES[config.algorithm];
  const provided = encoded.length === encodedLength(bytes, config.encoding) ? decodeStrict(encoded, config.encoding) : null;
  if (provided === null) return refused(`signature is not a ${config.algorithm} digest in ${config.encoding}`);

  const hmac = createHmac(config.algorithm, config.secret);
  if (config.signedPayload === 'timestamp.body') {
    if (timestamp === undefined) return refused('signedPayload "timestamp.body" needs a timestampHeader');
    hmac.update(`${timestamp}.`);
  }
  const expected = hmac.update(request.rawBody).digest();
  return safeEqual(provided, expected) ? verified : refused('signature does not match');
};
