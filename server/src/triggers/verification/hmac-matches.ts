import { createHmac } from 'node:crypto';
import type { DigestAlgorithm } from './read-digest.js';
import { safeEqual } from './safe-equal.js';

/** Senders list one signature per active key; more than a handful is abuse, not key rotation. */
export const MAX_SIGNATURES_CHECKED = 10;

/**
 * True when the HMAC of `content` under any key equals any provided signature. Every pair is compared,
 * so the time taken does not depend on which key or signature matched.
 */
export function hmacMatches(
  algorithm: DigestAlgorithm,
  keys: readonly (string | Buffer)[],
  content: readonly (string | Uint8Array)[],
  provided: readonly Buffer[],
): boolean {
  let matched = false;
  for (const key of keys) {
    const hmac = createHmac(algorithm, key);
    for (const part of content) hmac.update(part);
    const expected = hmac.digest();
    for (const signature of provided) matched = safeEqual(signature, expected) || matched;
  }
  return matched;
}
