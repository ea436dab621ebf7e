import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { checkTimestamp } from './check-timestamp.js';
import { decodeStrict } from './decode-strict.js';
import { readHeader } from './read-header.js';
import { signingSecrets } from './signing-secrets.js';
import type { ConfigOf } from './verification-config.js';
import { refused, verified, type WebhookVerifier } from './webhook-verifier.js';

/** A DER ECDSA P-256 signature is at most 72 bytes; anything much longer is not one. */
const MAX_SIGNATURE_BYTES = 80;

/**
 * The verification key SendGrid shows (Mail Settings → Signed Event Webhook): base64 of the DER
 * SubjectPublicKeyInfo of a P-256 key, with or without PEM framing. Null for anything else.
 */
export function sendgridPublicKey(text: string): KeyObject | null {
  const base64 = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = decodeStrict(base64, 'base64');
  if (der === null) return null;
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : null;
  } catch {
    return null;
  }
}

/**
 * SendGrid Event Webhook: `X-Twilio-Email-Event-Webhook-Signature` is a base64 DER ECDSA P-256 / SHA-256
 * signature over `${timestamp}${rawBody}`, where the timestamp (unix seconds) is
 * `X-Twilio-Email-Event-Webhook-Timestamp`; checked against the public key in the connection. SendGrid
 * documents no window, so the usual tolerance applies to the signed timestamp against replays.
 */
export const verifySendgrid: WebhookVerifier<ConfigOf<'sendgrid'>> = (config, request, now) => {
  const timestamp = readHeader(request.headers, 'x-twilio-email-event-webhook-timestamp');
  if (!timestamp.ok) return refused(timestamp.reason);
  const header = readHeader(request.headers, 'x-twilio-email-event-webhook-signature');
  if (!header.ok) return refused(header.reason);
  const signature = header.value.length > 4 * MAX_SIGNATURE_BYTES ? null : decodeStrict(header.value, 'base64');
  if (signature === null) return refused('signature is not a base64 ECDSA signature');
  const stale = checkTimestamp(timestamp.value, now, config.toleranceSeconds);
  if (stale !== null) return refused(stale);

  const signed = Buffer.concat([Buffer.from(timestamp.value), request.rawBody]);
  for (const text of signingSecrets(config)) {
    const key = sendgridPublicKey(text);
    if (key !== null && verify('sha256', signed, { key, dsaEncoding: 'der' }, signature)) return verified;
  }
  return refused('signature does not match');
};
