import { parseUse } from '../registry/parse-use.js';
import type { StepDefinition } from '../steps/define-step.js';
import { findCoreStep } from '../steps/core-steps.js';
import type { EngineDeps } from './engine-deps.js';
import { packActionStep } from './pack-action-step.js';

export type FoundStep = { ok: true; definition: StepDefinition } | { ok: false; message: string };

/** The step a `use` names: a core step first, then an action of an installed pack. */
export async function findStep(use: string, deps: Pick<EngineDeps, 'registry' | 'connections' | 'vendor'>): Promise<FoundStep> {
  const core = findCoreStep(use);
  if (core) return { ok: true, definition: core };
  const resolved = use.startsWith('core/') ? undefined : await deps.registry.action(use);
  if (resolved) return { ok: true, definition: packActionStep(resolved, deps) };
  return { ok: false, message: await unknownStepMessage(use, deps.registry) };
}

/** Whether running `use` again changes something outside Switchyard (false when it is not installed). */
export async function stepSideEffect(use: string, registry: EngineDeps['registry']): Promise<boolean> {
  const core = findCoreStep(use);
  if (core || use.startsWith('core/')) return core?.sideEffect ?? false;
  const resolved = await registry.action(use);
  return resolved ? resolved.action.sideEffect !== false : false;
}

/** Says which part is missing: the pack, the pinned major, or the action. */
export async function unknownStepMessage(use: string, registry: EngineDeps['registry']): Promise<string> {
  const parsed = parseUse(use);
  if (!parsed || parsed.packId === 'core') return `no step "${use}" is built in`;
  if (parsed.major !== undefined && !(await registry.pack(parsed.packId, parsed.major)) && (await registry.pack(parsed.packId))) {
    return `pack '${parsed.packId}' is installed, but not major version ${parsed.major} that this step was built with`;
  }
  return `no installed pack '${parsed.packId}' has an action '${parsed.key}'`;
}
