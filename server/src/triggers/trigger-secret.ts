import type { Logger } from 'pino';
import { SecretBoxError, type SecretBox } from '../connections/secret-box.js';

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
