import { problemsFromZod, type Problem } from '../contracts/problem.js';
import type { TriggerDefinitionJson } from '../contracts/recipe-definition.js';
import type { PackRegistry } from '../registry/pack-registry.js';
import { parseUse, pinUse } from '../registry/parse-use.js';
import { connectionRepo } from '../storage/connection-repo.js';
import type { Database } from '../storage/database.js';
import { parsePackTriggerInput } from './pack-trigger-call.js';

export interface PackTriggerChecks {
  registry: PackRegistry;
  database: Database;
}

const pointerKey = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * What saving or publishing checks about a pack trigger (core ones are `validateTrigger`'s): the pack
 * provides it; an unpinned `use` is pinned to the newest installed major; a pack with auth has a
 * `connection` of that pack; `input` fits the trigger's fields (trigger input is never templated).
 */
export async function checkPackTrigger(
  trigger: TriggerDefinitionJson,
  checks: PackTriggerChecks,
  pointer = '/trigger',
): Promise<{ trigger: TriggerDefinitionJson; problems: Problem[] }> {
  const parsed = parseUse(trigger.use);
  if (!parsed || parsed.packId === 'core') return { trigger, problems: [] };
  const resolved = await checks.registry.trigger(trigger.use);
  if (!resolved) {
    const pack = await checks.registry.pack(parsed.packId);
    const message = !pack
      ? `unknown trigger "${trigger.use}": no installed pack '${parsed.packId}' provides it`
      : parsed.major !== undefined && pack.major !== parsed.major && !(await checks.registry.pack(parsed.packId, parsed.major))
        ? `unknown trigger "${trigger.use}": pack '${parsed.packId}' is installed, but not major version ${parsed.major}`
        : `unknown trigger "${trigger.use}": pack '${parsed.packId}' has no trigger '${parsed.key}'`;
    return { trigger, problems: [{ path: `${pointer}/use`, message }] };
  }
  const problems: Problem[] = [];
  const { manifest } = resolved;
  if (manifest.auth.kind !== 'none') {
    const path = `${pointer}/connection`;
    const row = trigger.connection ? await connectionRepo.get(checks.database.db, trigger.connection) : undefined;
    if (!trigger.connection) problems.push({ path, message: `this trigger needs a ${manifest.name} connection` });
    else if (!row) problems.push({ path, message: `no connection "${trigger.connection}" exists` });
    else if (row.pack_id !== manifest.id) problems.push({ path, message: `connection "${trigger.connection}" belongs to pack '${row.pack_id}', not '${manifest.id}'` });
  }
  const input = trigger.input ?? {};
  const fields = resolved.trigger.input;
  for (const key of Object.keys(input)) {
    if (!fields.some((field) => field.key === key)) problems.push({ path: `${pointer}/input/${pointerKey(key)}`, message: `"${resolved.trigger.name}" has no field "${key}"` });
  }
  // Unknown keys were reported above with their own pointer; the schema sees only the known ones.
  const checked = parsePackTriggerInput(resolved.trigger, input);
  if (!checked.success) problems.push(...problemsFromZod(checked.error, `${pointer}/input`));
  const pinned = parsed.major === undefined ? { ...trigger, use: pinUse(trigger.use, resolved.major) } : trigger;
  return { trigger: pinned, problems };
}
