import type { RecipeDefinition, StepDefinitionJson } from '@switchyard/server/contracts';
import { newStepId } from './new-step-id';
import { findStep, getList, mapStep, setList, stepIds, type ListRef } from './step-lists';

/** A "+" on the canvas: add a step to this list before `index` (`index === list.length` adds at the end). */
export interface InsertionPoint {
  list: ListRef;
  index: number;
}

/** A fresh step of this kind with an id unused in the recipe; structural steps come with their child lists. */
export function createStep(definition: RecipeDefinition, use: string): StepDefinitionJson {
  const id = newStepId(use, stepIds(definition));
  switch (use) {
    case 'core/paths':
      return { id, use, paths: [{ name: 'Path A', steps: [] }, { name: 'Path B', steps: [] }] };
    case 'core/loop':
      return { id, use, input: { items: '' }, steps: [] };
    case 'core/approval':
      return { id, use, input: {}, steps: [] };
    default:
      return { id, use, input: {} };
  }
}

export function insertStep(definition: RecipeDefinition, at: InsertionPoint, step: StepDefinitionJson): RecipeDefinition {
  const list = getList(definition, at.list);
  if (!list) throw new Error(`cannot insert: the list ${JSON.stringify(at.list)} no longer exists`);
  const index = Math.max(0, Math.min(at.index, list.length));
  return setList(definition, at.list, [...list.slice(0, index), step, ...list.slice(index)]);
}

/** Removes the step and everything it holds; unknown ids leave the definition unchanged. */
export function deleteStep(definition: RecipeDefinition, id: string): RecipeDefinition {
  const location = findStep(definition, id);
  if (!location) return definition;
  const list = getList(definition, location.list)!;
  return setList(definition, location.list, list.filter((_, index) => index !== location.index));
}

/** A deep copy of a step placed right after it; the copy and each step inside it get new unique ids. */
export function duplicateStep(definition: RecipeDefinition, id: string): { definition: RecipeDefinition; id: string } {
  const location = findStep(definition, id);
  if (!location) return { definition, id };
  const taken = stepIds(definition);
  const renamed = (step: StepDefinitionJson): StepDefinitionJson => {
    const copyId = newStepId(step.use, taken);
    taken.add(copyId);
    const copy: StepDefinitionJson = { ...structuredClone(step), id: copyId };
    if (step.steps) copy.steps = step.steps.map(renamed);
    if (step.paths) copy.paths = step.paths.map((branch) => ({ ...structuredClone(branch), steps: branch.steps.map(renamed) }));
    if (typeof step.onError === 'object') copy.onError = { steps: step.onError.steps.map(renamed) };
    return copy;
  };
  const copy = renamed(location.step);
  return { definition: insertStep(definition, { list: location.list, index: location.index + 1 }, copy), id: copy.id };
}

/** Swaps a step with its neighbour in its own list; at either end nothing changes. */
export function moveStep(definition: RecipeDefinition, id: string, direction: 'up' | 'down'): RecipeDefinition {
  const location = findStep(definition, id);
  if (!location) return definition;
  const list = [...getList(definition, location.list)!];
  const other = location.index + (direction === 'up' ? -1 : 1);
  if (other < 0 || other >= list.length) return definition;
  [list[location.index], list[other]] = [list[other]!, list[location.index]!];
  return setList(definition, location.list, list);
}

export function canMove(definition: RecipeDefinition, id: string, direction: 'up' | 'down'): boolean {
  const location = findStep(definition, id);
  if (!location) return false;
  const length = getList(definition, location.list)!.length;
  return direction === 'up' ? location.index > 0 : location.index < length - 1;
}

/** Changes a step's own settings (input, connection, name, paths…); its id and child lists stay as they are. */
export function updateStep(definition: RecipeDefinition, id: string, change: Partial<Omit<StepDefinitionJson, 'id'>>): RecipeDefinition {
  return mapStep(definition, id, (step) => {
    const next: StepDefinitionJson = { ...step, ...change, id: step.id };
    // An explicit `undefined` (a cleared connection) removes the key, so the saved JSON stays clean.
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete next[key as keyof StepDefinitionJson];
    return next;
  });
}
