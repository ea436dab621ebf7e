import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * A P-256 key pair signing as SendGrid's Event Webhook does, for tests: `publicKey` is what SendGrid shows
 * (base64 DER SubjectPublicKeyInfo); `sign` returns the two headers for a timestamp and raw body.
 */
export function sendgridTestSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    sign: (timestamp: string, body: string | Buffer) => ({
      'x-twilio-email-event-webhook-timestamp': timestamp,
      'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey).toString('base64'),
    }),
  };
}
