import type { DigestFormat } from './read-digest.js';
import type { SecretsConfig } from './verification-config.js';
import { verifyHmac } from './verify-hmac.js';
import type { WebhookVerifier } from './webhook-verifier.js';

/** A vendor that signs only the raw body, one signature in one header: the generic HMAC with fixed settings. */
export function fixedHmacVerifier(header: string, format: DigestFormat) {
  const verifier: WebhookVerifier<SecretsConfig> = (config, request, now) =>
    verifyHmac(
      {
        scheme: 'hmac',
        secret: config.secret,
        previousSecrets: config.previousSecrets,
        toleranceSeconds: config.toleranceSeconds,
        header,
        signedPayload: 'body',
        ...format,
      },
      request,
      now,
    );
  return verifier;
}
