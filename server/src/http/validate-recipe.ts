import type { Problem } from '../contracts/problem.js';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { checkPackSteps, type PackStepChecks } from '../runs/check-pack-steps.js';
import { validateSteps } from '../runs/validate-steps.js';
import { checkPackTrigger } from '../triggers/pack-trigger-check.js';
import { validateTrigger } from '../triggers/validate-trigger.js';

/** Everything zod cannot see: the trigger's own input, unknown `use`s, ids, templates, limits. */
export function validateRecipe(definition: RecipeDefinition, prefix = ''): Problem[] {
  return [...validateTrigger(definition.trigger, `${prefix}/trigger`), ...validateSteps(definition.steps, `${prefix}/steps`)];
}

/**
 * `validateRecipe` plus the checks that need the installed packs and connections; the definition comes
 * back with its pack steps pinned to a major version (what gets saved).
 */
export async function validateRecipeWithPacks(definition: RecipeDefinition, checks: PackStepChecks, prefix = ''): Promise<{ problems: Problem[]; definition: RecipeDefinition }> {
  const packs = await checkPackSteps(definition.steps, checks, `${prefix}/steps`);
  const trigger = await checkPackTrigger(definition.trigger, checks, `${prefix}/trigger`);
  return {
    problems: [...trigger.problems, ...validateRecipe(definition, prefix), ...packs.problems],
    definition: { ...definition, trigger: trigger.trigger, steps: packs.steps },
  };
}
