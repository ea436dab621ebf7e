import { readHeader } from './read-header.js';
import type { WebhookHeaders } from './webhook-verifier.js';

/**
 * Headers in which senders put an id that stays the same when they redeliver the same event, in the
 * order we trust them. Request ids that change per attempt are deliberately absent.
 */
export const DELIVERY_ID_HEADERS = [
  'webhook-id', // Standard Webhooks
  'svix-id',
  'x-github-delivery',
  'x-shopify-webhook-id',
  'i-twilio-idempotency-token',
  'idempotency-key',
  'x-idempotency-key',
] as const;

// Dedupe keys are stored and indexed; a longer "id" is not one a provider would send.
const MAX_ID_LENGTH = 255;

/** The provider-supplied delivery id, used as the default dedupe key; null when none is usable. */
export function deliveryIdFromHeaders(headers: WebhookHeaders): string | null {
  for (const name of DELIVERY_ID_HEADERS) {
    const read = readHeader(headers, name);
    if (read.ok && read.value.length <= MAX_ID_LENGTH) return read.value;
  }
  return null;
}
