import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * Signs deliveries as SendGrid's signed Event Webhook does: ECDSA P-256 with SHA-256 over the timestamp
 * followed by the raw body, base64 DER in X-Twilio-Email-Event-Webhook-Signature. `publicKey` is the
 * verification key SendGrid shows (base64 DER SubjectPublicKeyInfo). SendGrid ships no signer.
 */
export function sendgridSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    headers(body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
      return {
        'x-twilio-email-event-webhook-timestamp': timestamp,
        'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64'),
      };
    },
  };
}
