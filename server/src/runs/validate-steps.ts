import type { Problem } from '../contracts/problem.js';
import { recipeLimits, type StepDefinitionJson } from '../contracts/recipe-definition.js';
import { isCoreStep } from '../steps/core-steps.js';
import { templateReferences, validateTemplates } from '../templates/index.js';

interface Visible {
  /** Step ids whose outputs exist when this step runs. */
  steps: Set<string>;
  inLoop: boolean;
}

/**
 * Checks what zod cannot: every `core/` use exists, step ids are unique, templates parse and name only
 * steps that run earlier, and the recipe stays within its size and depth limits. Returns every
 * problem with its JSON pointer; an empty list means the steps are valid.
 */
export function validateSteps(steps: StepDefinitionJson[], pointer = '/steps'): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  let count = 0;

  const walk = (list: StepDefinitionJson[], at: string, visible: Visible, depth: number): void => {
    if (depth > recipeLimits.maxDepth) {
      problems.push({ path: at, message: `steps are nested more than ${recipeLimits.maxDepth} levels deep` });
      return;
    }
    list.forEach((step, index) => {
      const here = `${at}/${index}`;
      count++;
      const first = seen.get(step.id);
      if (first !== undefined) problems.push({ path: `${here}/id`, message: `step id "${step.id}" is already used at ${first}` });
      else seen.set(step.id, `${here}/id`);
      // Pack steps are looked up in the registry on save (check-pack-steps.ts); core ones are known here.
      if (step.use.startsWith('core/') && !isCoreStep(step.use)) problems.push({ path: `${here}/use`, message: `unknown step "${step.use}": there is no such core step` });
      checkShape(step, here, problems);
      checkTemplates(step.input ?? {}, `${here}/input`, visible, problems);
      for (const [branchIndex, branch] of (step.paths ?? []).entries()) {
        if (branch.when !== undefined) checkTemplates(branch.when, `${here}/paths/${branchIndex}/when`, visible, problems);
        walk(branch.steps, `${here}/paths/${branchIndex}/steps`, { steps: new Set(visible.steps), inLoop: visible.inLoop }, depth + 1);
      }
      if (step.steps) {
        // An approval's child steps run before the wait and may use its links: {{steps.<approval>.output.approveUrl}}.
        const inner = new Set(visible.steps);
        if (step.use === 'core/approval') inner.add(step.id);
        walk(step.steps, `${here}/steps`, { steps: inner, inLoop: visible.inLoop || step.use === 'core/loop' }, depth + 1);
      }
      if (typeof step.onError === 'object') {
        const withFailed = new Set(visible.steps).add(step.id);
        walk(step.onError.steps, `${here}/onError/steps`, { steps: withFailed, inLoop: visible.inLoop }, depth + 1);
      }
      visible.steps.add(step.id);
    });
  };

  walk(steps, pointer, { steps: new Set(), inLoop: false }, 1);
  if (count > recipeLimits.maxSteps) {
    problems.unshift({ path: pointer, message: `a recipe has at most ${recipeLimits.maxSteps} steps; this one has ${count}` });
  }
  return problems;
}

function checkShape(step: StepDefinitionJson, at: string, problems: Problem[]): void {
  if (step.use === 'core/loop') {
    if (step.input?.items === undefined) problems.push({ path: `${at}/input/items`, message: 'a loop needs input.items: the list to go through' });
    if (!step.steps) problems.push({ path: `${at}/steps`, message: 'a loop needs the steps to run for each item' });
  } else if (step.steps && step.use !== 'core/approval') {
    problems.push({ path: `${at}/steps`, message: `only core/loop and core/approval hold child steps; "${step.use}" does not` });
  }
  if (step.use === 'core/paths') {
    if (!step.paths || step.paths.length === 0) problems.push({ path: `${at}/paths`, message: 'core/paths needs at least one path' });
    const names = new Set<string>();
    for (const [index, branch] of (step.paths ?? []).entries()) {
      if (names.has(branch.name)) problems.push({ path: `${at}/paths/${index}/name`, message: `path name "${branch.name}" is used twice` });
      names.add(branch.name);
    }
  } else if (step.paths) {
    problems.push({ path: `${at}/paths`, message: `only core/paths holds paths; "${step.use}" does not` });
  }
}

/** Templates must parse and may only name the trigger, earlier steps, and `loop` inside a loop. */
export function checkTemplates(value: unknown, at: string, visible: Visible, problems: Problem[]): void {
  for (const problem of validateTemplates(value)) problems.push({ path: at + problem.pointer, message: problem.message });
  for (const reference of templateReferences(value)) {
    const [root, name] = reference.path;
    const path = at + reference.pointer;
    if (root === 'trigger') continue;
    if (root === 'loop') {
      if (!visible.inLoop) problems.push({ path, message: '{{loop…}} is only available inside a core/loop' });
      continue;
    }
    if (root === 'steps') {
      if (name === undefined) problems.push({ path, message: 'name a step: {{steps.<id>.output…}}' });
      else if (!visible.steps.has(name)) problems.push({ path, message: `{{steps.${name}…}} does not name a step that runs before this one` });
      continue;
    }
    problems.push({ path, message: `unknown name "${root}": templates start with trigger, steps or loop` });
  }
}
