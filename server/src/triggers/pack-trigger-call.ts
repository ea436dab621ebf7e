import type { PackManifest, RequestTemplate } from '@switchyard/connectors';
import type { VendorCall } from '../connections/vendor-client.js';
import type { PackTriggerServices } from './pack-trigger-services.js';

/** A pack trigger as a recipe stores it (`triggers.config`). */
export interface PackTriggerConfig {
  use: string;
  connection?: string | undefined;
  input?: Record<string, unknown> | undefined;
  /** Added when activated, so a row says what it is without loading its pack. */
  packKind?: 'webhook' | 'subscription' | 'poll' | undefined;
}

/**
 * A vendor call on behalf of a trigger: the connection resolved now (tokens refreshed if due), one refresh
 * on a 401, and `input` in the template scope next to whatever else the request needs.
 */
export async function packTriggerCall(
  packs: PackTriggerServices,
  manifest: PackManifest,
  config: PackTriggerConfig,
  request: RequestTemplate,
  scope: Record<string, unknown> = {},
): Promise<VendorCall> {
  const connection = config.connection ? await packs.connections.resolve(config.connection, manifest) : undefined;
  return {
    pack: manifest,
    connection,
    onUnauthorized: (stale) => packs.connections.refreshAfterUnauthorized(stale, manifest),
    request,
    scope: { input: config.input ?? {}, ...scope },
  };
}

/** The error's message, for trigger state and publish answers: vendor and connection errors are written for people. */
export function failureMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
