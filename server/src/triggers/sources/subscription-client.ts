import type { PackManifest, PackTrigger } from '@switchyard/connectors';
import { readBodyPath } from '../../connections/read-body-path.js';
import { packTriggerCall, type PackTriggerConfig } from '../pack-trigger-call.js';
import type { PackTriggerServices } from '../pack-trigger-services.js';

export type SubscriptionTrigger = Extract<PackTrigger, { kind: 'subscription' }>;
/** What the vendor's answer to subscribe gave; the state seals the captured values and adds the (sealed) secret we sent. */
export interface Subscription {
  id: string;
  captured: Record<string, unknown>;
  expiresAt?: number | undefined;
}
/** Our webhook as the subscription's templates see it (`{{webhook.url}}`, `{{webhook.secret}}`), the secret opened. */
export interface Webhook {
  url: string;
  secret: string;
}

interface Target {
  manifest: PackManifest;
  trigger: SubscriptionTrigger;
  config: PackTriggerConfig;
}

/** An expiry from a vendor: epoch seconds or milliseconds, or a date string. */
function readExpiry(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string') {
    const parsed = /^\d+$/.test(value) ? readExpiry(Number(value)) : Date.parse(value);
    return parsed !== undefined && Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

function expiryOf(trigger: SubscriptionTrigger, body: unknown, now: number): number | undefined {
  const renew = trigger.renew;
  if (!renew) return undefined;
  if (renew.expiresAt !== undefined) {
    const at = readExpiry(readBodyPath(body, renew.expiresAt));
    if (at !== undefined) return at;
  }
  return renew.everySeconds !== undefined ? now + renew.everySeconds * 1000 : undefined;
}

/** When to renew: `beforeSeconds` ahead of expiry (at once if that has passed); null when nothing expires. */
export function renewalAt(trigger: SubscriptionTrigger, subscription: Pick<Subscription, 'expiresAt'> | undefined): number | null {
  if (!trigger.renew || subscription?.expiresAt === undefined) return null;
  return subscription.expiresAt - trigger.renew.beforeSeconds * 1000;
}

/** Calls to the vendor that register, renew and remove a subscription trigger's webhook. */
export const subscriptionClient = {
  /** Registers `webhook` with the vendor; a refusal throws the vendor's message. */
  async subscribe(packs: PackTriggerServices, target: Target, webhook: Webhook, now: number): Promise<Subscription> {
    const call = await packTriggerCall(packs, target, target.config, target.trigger.subscribe, { webhook });
    const { body } = await packs.vendor.send(call);
    const id = readBodyPath(body, target.trigger.subscriptionId);
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new Error(`the vendor's answer to subscribe has no subscription id at "${target.trigger.subscriptionId}"`);
    }
    const captured = Object.fromEntries(
      Object.entries(target.trigger.capture ?? {}).map(([name, path]) => [name, readBodyPath(body, path) ?? null]),
    );
    const expiresAt = expiryOf(target.trigger, body, now);
    return { id: String(id), captured, ...(expiresAt !== undefined && { expiresAt }) };
  },

  async unsubscribe(packs: PackTriggerServices, target: Target, subscription: Subscription, webhook: Webhook): Promise<void> {
    const scope = { webhook, subscription: subscriptionScope(subscription) };
    await packs.vendor.send(await packTriggerCall(packs, target, target.config, target.trigger.unsubscribe, scope));
  },

  /** Extends the subscription (whatever else `subscription` holds is kept); the new expiry comes from the answer or `everySeconds`. */
  async renew<S extends Subscription>(packs: PackTriggerServices, target: Target, subscription: S, webhook: Webhook, now: number): Promise<S> {
    const renew = target.trigger.renew;
    if (!renew) return subscription;
    const scope = { webhook, subscription: subscriptionScope(subscription) };
    const { body } = await packs.vendor.send(await packTriggerCall(packs, target, target.config, renew.request, scope));
    const expiresAt = expiryOf(target.trigger, body, now);
    return { ...subscription, ...(expiresAt !== undefined && { expiresAt }) };
  },
};

/** `{{subscription.id}}` and the captured values, as `unsubscribe` and `renew` templates see them. */
export function subscriptionScope(subscription: Subscription): Record<string, unknown> {
  return { ...subscription.captured, id: subscription.id };
}
