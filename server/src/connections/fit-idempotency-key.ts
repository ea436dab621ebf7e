import { createHash } from 'node:crypto';

/**
 * The step's idempotency key as a vendor that caps its length accepts it (QuickBooks' `requestid`: at most
 * 50 characters). A key that fits is sent as it is; a longer one is replaced by its SHA-256 (base64url) cut
 * to the cap: still the same for every retry of the step, and different for every other step.
 */
export function fitIdempotencyKey(key: string, maxLength: number | undefined): string {
  if (maxLength === undefined || key.length <= maxLength) return key;
  return createHash('sha256').update(key).digest('base64url').slice(0, maxLength);
}
