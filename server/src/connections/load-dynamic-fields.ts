import type { Action, PackManifest } from '@switchyard/connectors';
import { dynamicFieldsFromItems, type DynamicField } from './dynamic-fields-from-items.js';
import { readBodyPath } from './read-body-path.js';
import type { ConnectionAuth, ResolvedConnection } from './resolved-connection.js';
import type { VendorClient } from './vendor-client.js';
import { VendorError } from './vendor-error.js';

/** How long a fetched field list is reused: a form refetches as the user types, a run follows its test. */
export const dynamicFieldsTtlMs = 60_000;
const maxCached = 500;

interface Cached {
  at: number;
  fields: DynamicField[];
}

// One cache per vendor client (one per server process), so the form and the runs share it without new wiring.
const caches = new WeakMap<VendorClient, Map<string, Cached>>();

export interface DynamicFieldsCall {
  manifest: PackManifest;
  action: Action;
  connection: ResolvedConnection | undefined;
  /** The step's input; the request sees the keys in `dynamicFields.dependsOn`. */
  input: Record<string, unknown>;
  signal?: AbortSignal | undefined;
}

/**
 * The fields an action's `dynamicFields` fetches for these `dependsOn` values, as this connection: one vendor
 * call, reused for a minute per connection and values (a vendor-side schema change shows within that).
 * Vendor failures throw as from any call (`VendorError`, retried like an action's when they may pass).
 */
export async function loadDynamicFields(deps: { connections: ConnectionAuth; vendor: VendorClient }, call: DynamicFieldsCall): Promise<DynamicField[]> {
  const spec = call.action.dynamicFields;
  if (!spec) return [];
  const { manifest, action, connection } = call;
  const input = Object.fromEntries(spec.dependsOn.map((key) => [key, call.input[key] ?? null]));
  const cacheKey = JSON.stringify([manifest.id, manifest.version, action.key, connection?.id ?? null, input]);
  const cache = caches.get(deps.vendor) ?? new Map<string, Cached>();
  caches.set(deps.vendor, cache);
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < dynamicFieldsTtlMs) return hit.fields;

  const response = await deps.vendor.send({
    pack: manifest,
    connection,
    onUnauthorized: (stale) => deps.connections.refreshAfterUnauthorized(stale, manifest, call.signal),
    request: spec.request,
    scope: { input },
    errors: action.errors,
    signal: call.signal,
  });
  const found = readBodyPath(response.body, spec.items);
  // An object's values are the items, in its key order (Notion keys a data source's properties by name).
  const items = Array.isArray(found) ? found : found !== null && typeof found === 'object' ? Object.values(found) : undefined;
  if (!items) throw new VendorError('VENDOR_BAD_ANSWER', `${manifest.name} answered without a list or object of fields at "${spec.items}"`);
  const fields = dynamicFieldsFromItems(items, spec, new Set(action.input.map((field) => field.key)));
  cache.delete(cacheKey);
  cache.set(cacheKey, { at: Date.now(), fields });
  // Maps iterate in insertion order, so the first key is the oldest entry.
  if (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
  return fields;
}
