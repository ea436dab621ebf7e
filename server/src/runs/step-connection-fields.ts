import { StepError } from '../steps/step-error.js';
import type { EngineDeps } from './engine-deps.js';

/**
 * A step's connection fields for a core step that needs an account of `packId` (core/email and the `smtp`
 * pack): the pack must be installed and the connection must belong to it (`ConnectionAuth.resolve` checks).
 */
export async function stepConnectionFields(
  deps: Pick<EngineDeps, 'registry' | 'connections'>,
  connectionId: string | undefined,
  packId: string,
): Promise<Record<string, unknown>> {
  if (!connectionId) throw new StepError('CONNECTION_REQUIRED', `this step needs a connection of pack '${packId}'`);
  const installed = await deps.registry.pack(packId);
  if (!installed) throw new StepError('PACK_NOT_INSTALLED', `pack '${packId}', which this step's connection belongs to, is not installed`);
  return (await deps.connections.resolve(connectionId, installed.manifest)).fields;
}
