import type { Field } from '@switchyard/connectors';
import type { Problem } from '../contracts/problem.js';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import type { PackRegistry } from './pack-registry.js';
import { parseUse } from './parse-use.js';
import { recipeUses } from './recipe-uses.js';

export interface PackUpgradePlan {
  /** A copy of the definition with every step and trigger of the pack pinned to the new major. */
  definition: RecipeDefinition;
  /** Pointers of the steps (and trigger) re-pinned. */
  repinned: string[];
  /** The majors the recipe used before (`null` for a bare `pack/key`). */
  fromMajors: (number | null)[];
  /** What stops the upgrade: a step whose action is gone, or a required field the step does not fill. */
  problems: Problem[];
  /** Inputs dropped from the new draft because the new version has no such field. */
  warnings: Problem[];
}

/** Values for fields the new major adds, by step id (`trigger` for the trigger), merged into the new draft. */
export type AddedInputs = Record<string, Record<string, unknown>>;

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** Checks (and trims, in place) one step's input against the new version's fields. */
function reconcileInput(fields: Field[], input: Record<string, unknown>, pointer: string, id: string, target: string) {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const field of fields) {
    if (field.required && field.default === undefined && isEmpty(input[field.key])) {
      const message = `"${field.label}" is required by ${target}; send it as inputs.${id}.${field.key}`;
      problems.push({ path: `${pointer}/input/${field.key}`, message });
    }
  }
  const known = new Set(fields.map((field) => field.key));
  for (const key of Object.keys(input)) {
    if (known.has(key)) continue;
    warnings.push({ path: `${pointer}/input/${key}`, message: `${target} has no field "${key}"; its value was dropped` });
    delete input[key];
  }
  return { problems, warnings };
}

/**
 * Re-pins a recipe's steps of one pack to another major and reconciles their inputs with it. Decision:
 * a required field (without a default) left empty blocks the upgrade, because the new draft could not
 * run; the caller supplies such values in `added` (the old major would refuse them as unknown fields, so
 * they cannot be saved beforehand). Inputs for removed fields are dropped and reported as warnings.
 */
export async function planPackUpgrade(
  definition: RecipeDefinition,
  packId: string,
  toMajor: number,
  registry: PackRegistry,
  added: AddedInputs = {},
): Promise<PackUpgradePlan> {
  const copy = structuredClone(definition);
  const plan: PackUpgradePlan = { definition: copy, repinned: [], fromMajors: [], problems: [], warnings: [] };
  const ids = new Set<string>();
  for (const use of recipeUses(copy)) {
    const parsed = parseUse(use.use);
    if (parsed?.packId !== packId) continue;
    const pinned = `${packId}/${parsed.key}@${toMajor}`;
    const target = `${packId} ${toMajor}.x`;
    plan.fromMajors.push(parsed.major ?? null);
    const fields = use.kind === 'trigger' ? (await registry.trigger(pinned))?.trigger.input : (await registry.action(pinned))?.action.input;
    if (!fields) {
      plan.problems.push({ path: `${use.pointer}/use`, message: `${target} has no ${use.kind === 'trigger' ? 'trigger' : 'action'} "${parsed.key}"` });
      continue;
    }
    const input = { ...use.input, ...added[use.id] };
    const checked = reconcileInput(fields, input, use.pointer, use.id, target);
    use.node.input = input;
    plan.problems.push(...checked.problems);
    plan.warnings.push(...checked.warnings);
    use.node.use = pinned;
    plan.repinned.push(use.pointer);
    ids.add(use.id);
  }
  for (const id of Object.keys(added)) {
    if (!ids.has(id)) plan.problems.push({ path: `/inputs/${id}`, message: `no step "${id}" of this recipe uses ${packId}` });
  }
  return plan;
}
