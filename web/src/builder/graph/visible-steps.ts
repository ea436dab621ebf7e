import type { RecipeDefinition, StepDefinitionJson } from '@switchyard/server/contracts';

/**
 * Ids of the steps whose outputs exist when step `id` runs (what its templates may name), in reading
 * order, by the server's rules (validate-steps): earlier siblings and the ancestors' earlier siblings, an
 * approval inside its own child steps, the failed step on its error path; `inLoop` allows `{{loop.*}}`.
 */
export function visibleStepIds(definition: RecipeDefinition, id: string): { steps: string[]; inLoop: boolean } {
  let found: { steps: string[]; inLoop: boolean } | undefined;
  const walk = (steps: StepDefinitionJson[], seen: string[], inLoop: boolean, depth: number): void => {
    if (found || depth > 32) return;
    const here = [...seen];
    for (const step of steps) {
      if (step.id === id) {
        found = { steps: here, inLoop };
        return;
      }
      step.paths?.forEach((branch) => walk(branch.steps, here, inLoop, depth + 1));
      if (step.steps) walk(step.steps, step.use === 'core/approval' ? [...here, step.id] : here, inLoop || step.use === 'core/loop', depth + 1);
      if (typeof step.onError === 'object') walk(step.onError.steps, [...here, step.id], inLoop, depth + 1);
      if (found) return;
      here.push(step.id);
    }
  };
  walk(definition.steps, [], false, 0);
  return found ?? { steps: [], inLoop: false };
}
