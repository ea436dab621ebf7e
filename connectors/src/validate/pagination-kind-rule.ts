import { looseList, looseObject, type LooseObject } from './loose.js';
import type { PackProblem } from './pack-problem.js';

/** Only a search gathers pages into `{ items }`; an action's output is one response. */
export function paginationKindRule(manifest: LooseObject): PackProblem[] {
  return looseList(manifest.actions).flatMap((item, index) => {
    const action = looseObject(item);
    if (action?.pagination === undefined || action.kind === 'search') return [];
    return [{ path: `/actions/${index}/pagination`, message: 'pagination is only for actions with kind: search; set kind to search or remove pagination' }];
  });
}
