import type { ResolvedConnection, ConnectionAuth } from '../connections/resolved-connection.js';
import { readBodyPath } from '../connections/read-body-path.js';
import type { VendorCall, VendorClient } from '../connections/vendor-client.js';
import { inputSchemaForFields } from '../registry/input-schema-for-fields.js';
import type { ResolvedAction } from '../registry/pack-registry.js';
import { defineStep, type StepDefinition } from '../steps/define-step.js';
import { StepError } from '../steps/step-error.js';
import { dynamicFieldsScope } from './dynamic-fields-scope.js';
import { sendBatches } from './send-batches.js';

export interface PackActionDeps {
  connections: ConnectionAuth;
  vendor: VendorClient;
}

/**
 * A pack action as a recipe step (`use: "<pack>/<key>@<major>"`): input checked against the action's
 * fields, the step's connection resolved (refreshed when stale), one vendor call (or every page of a
 * paginated search, output `{ items }`; or one per chunk of a `batch`, output `{ items }`) carrying the step's
 * idempotency key, output read at `output`.
 */
export function packActionStep(resolved: ResolvedAction, deps: PackActionDeps): StepDefinition {
  const { manifest, action } = resolved;
  return defineStep({
    key: `${manifest.id}/${action.key}@${resolved.major}`,
    title: action.name,
    description: action.description ?? `${manifest.name}: ${action.name}`,
    // validatePack sets it on every installed action; were it ever missing, assume the call changes something.
    sideEffect: action.sideEffect !== false,
    input: inputSchemaForFields(action.input, { others: action.dynamicFields ? 'keep' : 'refuse' }),
    async run(input, ctx) {
      let connection: ResolvedConnection | undefined;
      if (manifest.auth.kind !== 'none') {
        if (!ctx.connectionId) throw new StepError('CONNECTION_REQUIRED', `this step needs a ${manifest.name} connection`);
        connection = await deps.connections.resolve(ctx.connectionId, manifest, ctx.signal);
      }
      const call: VendorCall = {
        pack: manifest,
        connection,
        onUnauthorized: (stale) => deps.connections.refreshAfterUnauthorized(stale, manifest, ctx.signal),
        request: action.request,
        scope: action.dynamicFields ? await dynamicFieldsScope(deps, { manifest, action, connection, input, signal: ctx.signal }) : { input },
        idempotency: action.idempotencyHeader || action.idempotencyQuery ? { header: action.idempotencyHeader, query: action.idempotencyQuery, key: ctx.idempotencyKey } : undefined,
        errors: action.errors,
        signal: ctx.signal,
      };
      if (action.batch) return { kind: 'done', output: await sendBatches(deps.vendor, call, action.batch, input, ctx.progress) };
      if (action.kind === 'search' && action.pagination) {
        const { items } = await deps.vendor.sendPaginated(call, action.pagination);
        return { kind: 'done', output: { items } };
      }
      const response = await deps.vendor.send(call);
      return { kind: 'done', output: readBodyPath(response.body, action.output ?? '') ?? null };
    },
  });
}
