import { randomBytes } from 'node:crypto';

/** A Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64 (192 bits). */
export function createSubscriptionSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The secret box context a subscription's secret is sealed under: it opens only for that row. */
export function subscriptionSecretContext(subscriptionId: string): string {
  return `hook_subscription:${subscriptionId}`;
}
