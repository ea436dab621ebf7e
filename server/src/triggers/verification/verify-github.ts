import { fixedHmacVerifier } from './fixed-hmac-verifier.js';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the raw body. Nothing time-related is
 * signed, so replays are stopped by deduping on `X-GitHub-Delivery`. The legacy SHA-1 header is ignored.
 */
export const verifyGithub = fixedHmacVerifier('x-hub-signature-256', { algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' });
