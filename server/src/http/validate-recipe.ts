import type { Problem } from '../contracts/problem.js';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { validateSteps } from '../runs/validate-steps.js';
import { validateTrigger } from '../triggers/validate-trigger.js';

/** Everything zod cannot see: the trigger's own input, unknown `use`s, ids, templates, limits. */
export function validateRecipe(definition: RecipeDefinition, prefix = ''): Problem[] {
  return [...validateTrigger(definition.trigger, `${prefix}/trigger`), ...validateSteps(definition.steps, `${prefix}/steps`)];
}
