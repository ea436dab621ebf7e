import { timingSafeEqual } from 'node:crypto';

/** Constant-time byte comparison; `timingSafeEqual` throws on unequal lengths, so those are refused first. */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
