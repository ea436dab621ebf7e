import type { PackRegistry } from '../registry/pack-registry.js';
import { renderTemplate } from '../templates/index.js';
import { formFetchFailure } from './form-fetch-failure.js';
import { readBodyPath } from './read-body-path.js';
import type { ConnectionAuth, ResolvedConnection } from './resolved-connection.js';
import type { VendorClient } from './vendor-client.js';

export const maxChoices = 1000;

export interface Choice {
  label: string;
  value: string | number | boolean;
}

export interface ChoicesRequest {
  packId: string;
  /** Whose field: a step's (action) or a recipe trigger's. */
  owner: 'actions' | 'triggers';
  key: string;
  field: string;
  connectionId?: string | undefined;
  /** The form's other values; the request sees those the field `dependsOn`. */
  input?: Record<string, unknown> | undefined;
  signal?: AbortSignal | undefined;
}

export type ChoicesResult =
  | { ok: true; choices: Choice[] }
  | { ok: false; status: 404 | 422 | 502; code: string; message: string };

/**
 * The choices of a field with `dynamicChoices` ("which Slack channel?"): its request is sent as the given
 * connection, `items` read from the answer, and `label`/`value` rendered per item (`{{item.*}}`), at most
 * 1,000. Failures say whose fault: unknown names (404), a request that cannot work (422), the vendor (502).
 */
export async function fetchDynamicChoices(
  deps: { registry: PackRegistry; connections: ConnectionAuth; vendor: VendorClient },
  request: ChoicesRequest,
): Promise<ChoicesResult> {
  const use = `${request.packId}/${request.key}`;
  const resolved = request.owner === 'actions' ? await deps.registry.action(use) : await deps.registry.trigger(use);
  const noun = request.owner === 'actions' ? 'action' : 'trigger';
  if (!resolved) return { ok: false, status: 404, code: `${noun.toUpperCase()}_NOT_FOUND`, message: `no installed pack '${request.packId}' has a ${noun} '${request.key}'` };
  const { manifest } = resolved;
  const owner = 'action' in resolved ? resolved.action : resolved.trigger;
  const field = owner.input.find((candidate) => candidate.key === request.field);
  if (!field) return { ok: false, status: 404, code: 'FIELD_NOT_FOUND', message: `${noun} '${owner.key}' of ${manifest.name} has no field '${request.field}'` };
  const dynamic = field.dynamicChoices;
  if (!dynamic) return { ok: false, status: 422, code: 'NO_DYNAMIC_CHOICES', message: `field '${field.key}' has no choices to fetch` };
  try {
    let connection: ResolvedConnection | undefined;
    if (manifest.auth.kind !== 'none') {
      if (!request.connectionId) return { ok: false, status: 422, code: 'CONNECTION_REQUIRED', message: `choose a ${manifest.name} connection first` };
      connection = await deps.connections.resolve(request.connectionId, manifest, request.signal);
    }
    const input = Object.fromEntries(dynamic.dependsOn.filter((key) => Object.hasOwn(request.input ?? {}, key)).map((key) => [key, request.input![key]]));
    const response = await deps.vendor.send({
      pack: manifest,
      connection,
      onUnauthorized: (stale) => deps.connections.refreshAfterUnauthorized(stale, manifest, request.signal),
      request: dynamic.request,
      scope: { input },
      errors: 'errors' in owner ? owner.errors : undefined,
      signal: request.signal,
    });
    const items = readBodyPath(response.body, dynamic.items);
    if (!Array.isArray(items)) return { ok: false, status: 502, code: 'VENDOR_BAD_ANSWER', message: `${manifest.name} answered without a list at "${dynamic.items}"` };
    return { ok: true, choices: items.slice(0, maxChoices).map((item) => choiceOf(item, dynamic.label, dynamic.value)) };
  } catch (error) {
    return formFetchFailure(error);
  }
}

function choiceOf(item: unknown, labelTemplate: string, valueTemplate: string): Choice {
  const rendered = renderTemplate(valueTemplate, { item });
  const value = typeof rendered === 'string' || typeof rendered === 'number' || typeof rendered === 'boolean' ? rendered : JSON.stringify(rendered ?? null);
  const label = renderTemplate(labelTemplate, { item });
  const text = typeof label === 'string' ? label : label === null || label === undefined ? '' : typeof label === 'object' ? JSON.stringify(label) : String(label);
  return { label: text || String(value), value };
}
