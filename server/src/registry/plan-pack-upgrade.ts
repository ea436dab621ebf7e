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
  /** What the upgrade drops silently: inputs for fields the new version no longer has. */
  warnings: Problem[];
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function inputProblems(fields: Field[], input: Record<string, unknown>, pointer: string, target: string) {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const field of fields) {
    if (field.required && field.default === undefined && isEmpty(input[field.key])) {
      problems.push({ path: `${pointer}/input/${field.key}`, message: `"${field.label}" is required by ${target}; fill it before upgrading` });
    }
  }
  const known = new Set(fields.map((field) => field.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) warnings.push({ path: `${pointer}/input/${key}`, message: `${target} has no field "${key}"; its value will be ignored` });
  }
  return { problems, warnings };
}

/**
 * Re-pins a recipe's steps of one pack to another major and checks their inputs against it. Decision:
 * a required field (without a default) that a step leaves empty blocks the upgrade, because the new
 * draft could not run; inputs for removed fields are only warnings, because they are merely ignored.
 */
export async function planPackUpgrade(definition: RecipeDefinition, packId: string, toMajor: number, registry: PackRegistry): Promise<PackUpgradePlan> {
  const copy = structuredClone(definition);
  const plan: PackUpgradePlan = { definition: copy, repinned: [], fromMajors: [], problems: [], warnings: [] };
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
    const checked = inputProblems(fields, use.input, use.pointer, target);
    plan.problems.push(...checked.problems);
    plan.warnings.push(...checked.warnings);
    use.node.use = pinned;
    plan.repinned.push(use.pointer);
  }
  return plan;
}
