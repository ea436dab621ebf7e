import { createHash } from 'node:crypto';
import { hmacMatches } from './hmac-matches.js';
import { readDigest } from './read-digest.js';
import { readHeader } from './read-header.js';
import { safeEqual } from './safe-equal.js';
import { signingSecrets } from './signing-secrets.js';
import { twilioSignedParams } from './twilio-signed-params.js';
import { twilioUrlVariants } from './twilio-url-variants.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type WebhookRequest, type WebhookVerifier } from './webhook-verifier.js';

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** The signed text after the URL, or a refusal reason when the body would not be covered by the signature. */
function signedBody(request: WebhookRequest): { ok: true; params: string } | { ok: false; reason: string } {
  const bodyHash = new URL(request.url).searchParams.get('bodySHA256');
  if (bodyHash !== null) {
    // JSON bodies: the URL carries the body's SHA-256, so the signature covers the body through it.
    const actual = createHash('sha256').update(request.rawBody).digest('hex');
    return safeEqual(Buffer.from(bodyHash), Buffer.from(actual)) ? { ok: true, params: '' } : { ok: false, reason: 'bodySHA256 does not match the body' };
  }
  if (request.rawBody.length === 0) return { ok: true, params: '' };
  const type = readHeader(request.headers, 'content-type');
  if (!type.ok || !FORM.test(type.value)) return { ok: false, reason: 'body is neither form-encoded nor covered by bodySHA256' };
  return { ok: true, params: twilioSignedParams(request.rawBody.toString('utf8')) };
}

/**
 * Twilio: `X-Twilio-Signature: <base64>`, HMAC-SHA1 keyed by the auth token over the full URL Twilio
 * called, then the sorted form parameters (or, for JSON, nothing: the URL's `bodySHA256` covers the
 * body). Nothing time-related is signed; dedupe on `I-Twilio-Idempotency-Token`.
 */
export const verifyTwilio: WebhookVerifier<ConfigOf<'twilio'>> = (config, request) => {
  const signature = readDigest(request.headers, 'x-twilio-signature', { algorithm: 'sha1', encoding: 'base64' });
  if (!signature.ok) return refused(signature.reason);
  if (!URL.canParse(request.url)) return refused('request URL is not absolute');
  const body = signedBody(request);
  if (!body.ok) return refused(body.reason);
  const secrets = signingSecrets(config);
  const matches = twilioUrlVariants(request.url).map((url) => hmacMatches('sha1', secrets, [url, body.params], [signature.digest]));
  return matches.includes(true) ? verified : refused('signature does not match');
};
