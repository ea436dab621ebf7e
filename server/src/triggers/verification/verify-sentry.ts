import { fixedHmacVerifier } from './fixed-hmac-verifier.js';

/**
 * Sentry integration platform: `Sentry-Hook-Signature: <hex>`, HMAC-SHA256 of the raw body keyed by the
 * client secret. `Sentry-Hook-Timestamp` is not signed, so it is not checked (a forger could set it).
 */
export const verifySentry = fixedHmacVerifier('sentry-hook-signature', { algorithm: 'sha256', encoding: 'hex' });
