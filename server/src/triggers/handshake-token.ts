import type { Logger } from 'pino';
import { fromJson } from '../storage/json-column.js';
import type { TriggerRow } from '../storage/tables.js';
import type { PackTriggerServices } from './pack-trigger-services.js';
import { readPackTriggerState } from './pack-trigger-state.js';
import { openTriggerSecret, triggerSecretOwner } from './trigger-secret.js';

/**
 * The token a `body_token` handshake kept (Notion's verification_token), for an editor to paste back into the
 * vendor's UI. Undefined for any other trigger: other handshake secrets are never shown to anyone.
 */
export async function handshakeToken(packs: PackTriggerServices | undefined, row: TriggerRow, log: Logger): Promise<string | undefined> {
  if (!packs || row.kind.startsWith('core/')) return undefined;
  const sealed = readPackTriggerState(fromJson(row.state)).hookSecret;
  if (sealed === undefined) return undefined;
  const resolved = await packs.registry.trigger(row.kind);
  if (!resolved || resolved.trigger.kind === 'poll' || resolved.trigger.handshake?.type !== 'body_token') return undefined;
  return openTriggerSecret(packs.box, triggerSecretOwner.trigger(row.id), sealed, log);
}
