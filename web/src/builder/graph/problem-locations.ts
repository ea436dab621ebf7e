import type { Problem, RecipeDefinition } from '@switchyard/server/contracts';
import { allSteps } from './step-lists';

/** One server problem placed on the canvas: on the trigger or a step, and on a field of its form when known. */
export interface LocatedProblem {
  /** `trigger`, or the id of the step the pointer falls in (the innermost one). */
  target: string;
  /** The input field (`url`, `headers`), `connection`, or undefined for the step as a whole. */
  field?: string;
  message: string;
  path: string;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The field a rest-of-pointer names: `/input/url/0` → `url`, `/connection` → `connection`, `/paths/1/when` → `paths`. */
function fieldOf(rest: string): string | undefined {
  const parts = rest.split('/').slice(1).map(unescapePointer);
  if (parts.length === 0) return undefined;
  if (parts[0] === 'input') return parts[1];
  return parts[0];
}

/**
 * Maps the JSON pointers of a 422 answer (`/definition/steps/2/input/url`, or `/steps/…` when the body
 * was the definition itself) to the step and field they point at.
 */
export function locateProblems(definition: RecipeDefinition, problems: Problem[]): LocatedProblem[] {
  // Longest pointers first: a step inside a loop must win over the loop that holds it.
  const locations = allSteps(definition).sort((a, b) => b.pointer.length - a.pointer.length);
  return problems.map((problem): LocatedProblem => {
    const path = problem.path.replace(/^\/definition(?=\/|$)/, '');
    if (path === '/trigger' || path.startsWith('/trigger/')) {
      const field = fieldOf(path.slice('/trigger'.length));
      return { target: 'trigger', ...(field !== undefined && { field }), message: problem.message, path: problem.path };
    }
    const owner = locations.find((location) => path === location.pointer || path.startsWith(`${location.pointer}/`));
    if (!owner) return { target: '', message: problem.message, path: problem.path };
    const field = fieldOf(path.slice(owner.pointer.length));
    return { target: owner.step.id, ...(field !== undefined && { field }), message: problem.message, path: problem.path };
  });
}
