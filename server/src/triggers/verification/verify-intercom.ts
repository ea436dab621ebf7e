import { fixedHmacVerifier } from './fixed-hmac-verifier.js';

/** Intercom: `X-Hub-Signature: sha1=<hex>`, HMAC-SHA1 of the raw body keyed by the app's client secret; no timestamp. */
export const verifyIntercom = fixedHmacVerifier('x-hub-signature', { algorithm: 'sha1', encoding: 'hex', prefix: 'sha1=' });
