import { looseList, looseObject, type LooseObject } from './loose.js';
import type { PackProblem } from './pack-problem.js';

/** A batch splits one list input field of an action (not a search, whose pages are gathered instead). */
export function batchRule(manifest: LooseObject): PackProblem[] {
  return looseList(manifest.actions).flatMap((item, index) => {
    const action = looseObject(item);
    const batch = looseObject(action?.batch);
    if (!action || !batch) return [];
    const at = `/actions/${index}/batch`;
    if (action.kind === 'search') return [{ path: at, message: 'batch is only for actions of kind action; a search gathers pages with pagination' }];
    const field = looseList(action.input).map(looseObject).find((candidate) => candidate?.key === batch.input);
    if (!field) return [{ path: `${at}/input`, message: `names no input field of this action ("${String(batch.input)}")` }];
    if (field.type !== 'json') return [{ path: `${at}/input`, message: `input field "${String(batch.input)}" must have type json (a list) to be sent in batches` }];
    return [];
  });
}
