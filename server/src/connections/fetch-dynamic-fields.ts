import type { Field } from '@switchyard/connectors';
import type { PackRegistry } from '../registry/pack-registry.js';
import { formFetchFailure, type FormFetchFailure } from './form-fetch-failure.js';
import { loadDynamicFields } from './load-dynamic-fields.js';
import type { ConnectionAuth, ResolvedConnection } from './resolved-connection.js';
import type { VendorClient } from './vendor-client.js';

export interface DynamicFieldsRequest {
  packId: string;
  key: string;
  connectionId?: string | undefined;
  /** The step's current input; the vendor request sees the keys the dynamic fields depend on. */
  input?: Record<string, unknown> | undefined;
  signal?: AbortSignal | undefined;
}

export type DynamicFieldsResult = { ok: true; fields: Field[] } | FormFetchFailure | { ok: false; status: 404; code: string; message: string };

/**
 * The fields a step's form shows below the action's own once the inputs they depend on are chosen (an
 * action's `dynamicFields`), fetched as the given connection. An action without them has none (an empty
 * list, so a form can always ask). Failures as for dynamic choices: unknown names 404, the form 422, the vendor 502.
 */
export async function fetchDynamicFields(
  deps: { registry: PackRegistry; connections: ConnectionAuth; vendor: VendorClient },
  request: DynamicFieldsRequest,
): Promise<DynamicFieldsResult> {
  const resolved = await deps.registry.action(`${request.packId}/${request.key}`);
  if (!resolved) return { ok: false, status: 404, code: 'ACTION_NOT_FOUND', message: `no installed pack '${request.packId}' has an action '${request.key}'` };
  const { manifest, action } = resolved;
  if (!action.dynamicFields) return { ok: true, fields: [] };
  const input = request.input ?? {};
  // Until the inputs they depend on are chosen (a template is known only when the step runs) there is nothing to ask.
  const unknown = (value: unknown) => value === undefined || value === null || value === '' || (typeof value === 'string' && value.includes('{{'));
  if (action.dynamicFields.dependsOn.some((key) => unknown(input[key]))) return { ok: true, fields: [] };
  try {
    let connection: ResolvedConnection | undefined;
    if (manifest.auth.kind !== 'none') {
      if (!request.connectionId) return { ok: false, status: 422, code: 'CONNECTION_REQUIRED', message: `choose a ${manifest.name} connection first` };
      connection = await deps.connections.resolve(request.connectionId, manifest, request.signal);
    }
    const fetched = await loadDynamicFields(deps, { manifest, action, connection, input, signal: request.signal });
    return { ok: true, fields: fetched.map(({ field }) => field) };
  } catch (error) {
    return formFetchFailure(error);
  }
}
