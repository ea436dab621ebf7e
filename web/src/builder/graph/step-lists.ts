import type { RecipeDefinition, StepDefinitionJson } from '@switchyard/server/contracts';

/**
 * Names one list of steps in a recipe: the top-level steps, a step's child `steps` (loop body, approval),
 * one `core/paths` branch, or a step's error path. Lists are named by their parent step's id, which is
 * unique in a recipe, so a reference stays valid while other steps are added or moved.
 */
export type ListRef =
  | { parent: null }
  | { parent: string; slot: 'steps' }
  | { parent: string; slot: 'onError' }
  | { parent: string; slot: 'paths'; branch: number };

export const rootList: ListRef = { parent: null };

/** A stable text key for a list, used in node ids: `root`, `each.steps`, `route.paths.1`, `post.onError`. */
export function listKey(ref: ListRef): string {
  if (ref.parent === null) return 'root';
  return ref.slot === 'paths' ? `${ref.parent}.paths.${ref.branch}` : `${ref.parent}.${ref.slot}`;
}

/** Where one step sits: its list, index, and JSON pointer into the definition (as the server reports problems). */
export interface StepLocation {
  step: StepDefinitionJson;
  list: ListRef;
  index: number;
  pointer: string;
}

export interface ChildList {
  ref: ListRef;
  steps: StepDefinitionJson[];
  pointer: string;
}

/** The lists a step holds, in drawing order: paths branches, child steps, then its error path. */
export function childLists(step: StepDefinitionJson, pointer: string): ChildList[] {
  const lists: ChildList[] = [];
  step.paths?.forEach((branch, index) =>
    lists.push({ ref: { parent: step.id, slot: 'paths', branch: index }, steps: branch.steps, pointer: `${pointer}/paths/${index}/steps` }),
  );
  if (step.steps) lists.push({ ref: { parent: step.id, slot: 'steps' }, steps: step.steps, pointer: `${pointer}/steps` });
  if (typeof step.onError === 'object') lists.push({ ref: { parent: step.id, slot: 'onError' }, steps: step.onError.steps, pointer: `${pointer}/onError/steps` });
  return lists;
}

/** Every step of the recipe in reading order (a parent before its children), with where it sits. */
export function allSteps(definition: RecipeDefinition): StepLocation[] {
  const out: StepLocation[] = [];
  const walk = (steps: StepDefinitionJson[], list: ListRef, pointer: string, depth: number): void => {
    // The server refuses recipes nested deeper than 10; the bound keeps a malformed draft from looping.
    if (depth > 32) return;
    steps.forEach((step, index) => {
      const here = `${pointer}/${index}`;
      out.push({ step, list, index, pointer: here });
      for (const child of childLists(step, here)) walk(child.steps, child.ref, child.pointer, depth + 1);
    });
  };
  walk(definition.steps, rootList, '/steps', 0);
  return out;
}

export function findStep(definition: RecipeDefinition, id: string): StepLocation | undefined {
  return allSteps(definition).find((location) => location.step.id === id);
}

/** The steps of one list, or undefined when the list does not exist (its parent was deleted). */
export function getList(definition: RecipeDefinition, ref: ListRef): StepDefinitionJson[] | undefined {
  if (ref.parent === null) return definition.steps;
  const parent = findStep(definition, ref.parent)?.step;
  if (!parent) return undefined;
  if (ref.slot === 'steps') return parent.steps;
  if (ref.slot === 'onError') return typeof parent.onError === 'object' ? parent.onError.steps : undefined;
  return parent.paths?.[ref.branch]?.steps;
}

/** A copy of the definition with one list replaced; every other object is shared, never mutated. */
export function setList(definition: RecipeDefinition, ref: ListRef, steps: StepDefinitionJson[]): RecipeDefinition {
  if (ref.parent === null) return { ...definition, steps };
  const parentId = ref.parent;
  return mapStep(definition, parentId, (parent) => {
    if (ref.slot === 'steps') return { ...parent, steps };
    if (ref.slot === 'onError') return { ...parent, onError: { steps } };
    const paths = (parent.paths ?? []).map((branch, index) => (index === ref.branch ? { ...branch, steps } : branch));
    return { ...parent, paths };
  });
}

/** A copy of the definition where the step with this id is replaced by `change(step)`. */
export function mapStep(definition: RecipeDefinition, id: string, change: (step: StepDefinitionJson) => StepDefinitionJson): RecipeDefinition {
  const mapList = (steps: StepDefinitionJson[]): StepDefinitionJson[] => steps.map(mapOne);
  const mapOne = (step: StepDefinitionJson): StepDefinitionJson => {
    if (step.id === id) return change(step);
    let next = step;
    if (step.steps) next = { ...next, steps: mapList(step.steps) };
    if (step.paths) next = { ...next, paths: step.paths.map((branch) => ({ ...branch, steps: mapList(branch.steps) })) };
    if (typeof step.onError === 'object') next = { ...next, onError: { steps: mapList(step.onError.steps) } };
    return next;
  };
  return { ...definition, steps: mapList(definition.steps) };
}

/** Every step id used anywhere in the recipe. */
export function stepIds(definition: RecipeDefinition): Set<string> {
  return new Set(allSteps(definition).map((location) => location.step.id));
}
