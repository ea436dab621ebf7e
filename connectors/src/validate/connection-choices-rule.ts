import { looseList, looseObject, type LooseObject } from './loose.js';
import { pointer, type PackProblem } from './pack-problem.js';

/** Choices are fetched as a connection, so a connection's own fields cannot have them (there is none yet). */
export function connectionChoicesRule(manifest: LooseObject): PackProblem[] {
  return looseList(looseObject(manifest.auth)?.fields).flatMap((field, index) =>
    looseObject(field)?.dynamicChoices === undefined
      ? []
      : [{
          path: pointer(['auth', 'fields', index, 'dynamicChoices']),
          message: 'connection fields cannot fetch their choices (the request would need the connection being made); list them in "choices"',
        }],
  );
}
