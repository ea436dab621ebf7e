import type { PackManifest, PackTrigger, RequestTemplate } from '@switchyard/connectors';
import type { VendorCall } from '../connections/vendor-client.js';
import { problemsFromZod } from '../contracts/problem.js';
import { inputSchemaForFields } from '../registry/input-schema-for-fields.js';
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
 * A trigger's input read by its fields the way an action step's input is (types, and a field left out
 * gets its `default`). Keys that are not fields are left out: saving reports them with their own path.
 */
export function parsePackTriggerInput(trigger: PackTrigger, input: Record<string, unknown> | undefined) {
  const isField = (key: string) => trigger.input.some((field) => field.key === key);
  return inputSchemaForFields(trigger.input).safeParse(Object.fromEntries(Object.entries(input ?? {}).filter(([key]) => isField(key))));
}

/**
 * A trigger's saved input as its templates see it (`{{input.x}}`), defaults applied. Saving checked it; an
 * input that no longer fits (the pack changed its fields) throws with the JSON paths.
 */
export function packTriggerInput(trigger: PackTrigger, input: Record<string, unknown> | undefined): Record<string, unknown> {
  const parsed = parsePackTriggerInput(trigger, input);
  if (parsed.success) return parsed.data;
  const problems = problemsFromZod(parsed.error, '/trigger/input').map((problem) => `${problem.path}: ${problem.message}`);
  throw new Error(`the trigger's input does not fit "${trigger.name}": ${problems.join('; ')}`);
}

/**
 * A vendor call on behalf of a trigger: the connection resolved now (tokens refreshed if due), one refresh
 * on a 401, and `input` (defaults applied) in the template scope next to whatever else the request needs.
 */
export async function packTriggerCall(
  packs: PackTriggerServices,
  target: { manifest: PackManifest; trigger: PackTrigger },
  config: PackTriggerConfig,
  request: RequestTemplate,
  scope: Record<string, unknown> = {},
): Promise<VendorCall> {
  const { manifest } = target;
  const input = packTriggerInput(target.trigger, config.input);
  const connection = config.connection ? await packs.connections.resolve(config.connection, manifest) : undefined;
  return {
    pack: manifest,
    connection,
    onUnauthorized: (stale) => packs.connections.refreshAfterUnauthorized(stale, manifest),
    request,
    scope: { input, ...scope },
  };
}

/** The error's message, for trigger state and publish answers: vendor and connection errors are written for people. */
export function failureMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
