import type { RecipeDefinition, StepDefinitionJson } from '../contracts/recipe-definition.js';

/** One `use` in a recipe: the trigger's or a step's, with the JSON pointer of the object that holds it. */
export interface RecipeUse {
  pointer: string;
  use: string;
  /** The step (or trigger) input as saved. */
  input: Record<string, unknown>;
  kind: 'trigger' | 'step';
  /** The trigger or step object itself, for callers that rewrite a copy they own. */
  node: { use: string; input?: Record<string, unknown> | undefined };
  /** The step id; `trigger` for the trigger. */
  id: string;
}

/** Every `use` of a definition, nested steps included (loops, approvals, paths, error paths), in reading order. */
export function recipeUses(definition: RecipeDefinition): RecipeUse[] {
  const uses: RecipeUse[] = [{ pointer: '/trigger', use: definition.trigger.use, input: definition.trigger.input ?? {}, kind: 'trigger', node: definition.trigger, id: 'trigger' }];
  const walk = (steps: StepDefinitionJson[], at: string): void => {
    steps.forEach((step, index) => {
      const here = `${at}/${index}`;
      uses.push({ pointer: here, use: step.use, input: step.input ?? {}, kind: 'step', node: step, id: step.id });
      if (step.steps) walk(step.steps, `${here}/steps`);
      for (const [branch, path] of (step.paths ?? []).entries()) walk(path.steps, `${here}/paths/${branch}/steps`);
      if (typeof step.onError === 'object') walk(step.onError.steps, `${here}/onError/steps`);
    });
  };
  walk(definition.steps, '/steps');
  return uses;
}
