import type { Logger } from 'pino';
import { z } from 'zod';
import { SecretBoxError, type SecretBox } from '../connections/secret-box.js';
import type { StoredSubscription } from './pack-trigger-state.js';
import type { Subscription } from './sources/subscription-client.js';

/**
 * What a sealed trigger secret is bound to (authenticated as the envelope's context): the trigger's id, as
 * a connection's secrets are bound to its id, so a value copied onto another trigger's row does not open.
 * A handshake secret parked while our subscribe call is in flight has no trigger id yet: its webhook token.
 */
export const triggerSecretOwner = {
  trigger: (triggerId: string) => `trigger:${triggerId}`,
  pendingHandshake: (webhookToken: string) => `trigger-handshake:${webhookToken}`,
};

/** Seals a secret of a trigger (the one we gave the vendor, or its handshake's) with the connections' key. */
export function sealTriggerSecret(box: SecretBox, owner: string, secret: string): string {
  return box.seal(secret, owner);
}

/**
 * Opens a secret sealed by `sealTriggerSecret`. A value that is not an envelope for `owner` (stored
 * before these secrets were sealed, or sealed with another key) counts as absent, with a warning that
 * names the owner but never the value.
 */
export function openTriggerSecret(box: SecretBox, owner: string, sealed: string | undefined, log: Logger): string | undefined {
  if (sealed === undefined) return undefined;
  try {
    return box.open(sealed, owner);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    log.warn({ owner }, 'a stored trigger secret is not a sealed envelope for this trigger; treated as absent (resetting the trigger state subscribes anew)');
    return undefined;
  }
}

const capturedSchema = z.record(z.string(), z.unknown());

/**
 * A stored subscription as its templates need it, the captured values opened. A record stored before they
 * were sealed is read as it is; an envelope that does not open counts as no values (with the warning above).
 */
export function openSubscription(box: SecretBox, triggerId: string, stored: StoredSubscription, log: Logger): Subscription {
  const { id, captured, expiresAt } = stored;
  const opened = typeof captured === 'string' ? openTriggerSecret(box, triggerSecretOwner.trigger(triggerId), captured, log) : undefined;
  const parsed = opened === undefined ? undefined : capturedSchema.safeParse(JSON.parse(opened));
  const values = typeof captured === 'string' ? (parsed?.success ? parsed.data : {}) : captured;
  return { id, captured: values, ...(expiresAt !== undefined && { expiresAt }) };
}

/**
 * A subscription as stored, its captured values sealed (as JSON) for the trigger: they may be secrets
 * (Stripe's endpoint `secret`). `secret` is the secret we gave the vendor, already sealed.
 */
export function sealSubscription(box: SecretBox, triggerId: string, subscription: Subscription, secret: string): StoredSubscription {
  return { ...subscription, captured: sealTriggerSecret(box, triggerSecretOwner.trigger(triggerId), JSON.stringify(subscription.captured)), secret };
}
