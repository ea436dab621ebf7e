import { readHeader } from './read-header.js';
import type { WebhookHeaders } from './webhook-verifier.js';

/**
 * Headers in which senders put an id that stays the same when they redeliver the same event, in the
 * order we trust them. Request ids that change per attempt are deliberately absent.
 */
export const DELIVERY_ID_HEADERS = [
  'webhook-id', // Standard Webhooks
  'svix-id', // Svix, the same on every retry
  'x-github-delivery', // kept on manual redelivery
  'x-shopify-webhook-id',
  'shopify-webhook-id', // Shopify event deliveries
  'i-twilio-idempotency-token', // Twilio, the same on its retries
  'idempotency-key',
  'x-idempotency-key',
  // Sentry's only id; generic, so it comes last. Stripe, Slack and HubSpot put their event id in the body.
  'request-id',
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
