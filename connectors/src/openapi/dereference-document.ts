import { dereference } from '@apidevtools/json-schema-ref-parser';
import { pointer, type PackProblem } from '../validate/pack-problem.js';
import type { JsonRecord } from './json-value.js';

interface RefError {
  message: string;
  path?: (string | number)[] | null;
}

function toProblem(error: RefError): PackProblem {
  const path = error.path ?? [];
  // The parser's MissingPointerError names the pointer in its message; its path is where the $ref sits.
  const ref = /\$ref pointer "([^"]+)"/.exec(error.message)?.[1];
  if (ref === undefined) return { path: pointer(path), message: `cannot resolve a $ref: ${error.message.split('\n')[0] ?? ''}` };
  return { path: pointer([...path, '$ref']), message: `$ref "${ref}" points to nothing in this document` };
}

/**
 * Replaces internal `$ref`s by what they point to, in place. Circular schemas become circular objects, so
 * readers of the result must bound their depth. Only `#…` refs are followed: file and URL resolvers are
 * off (external refs were refused before).
 */
export async function dereferenceDocument(document: JsonRecord): Promise<{ ok: true } | { ok: false; problems: PackProblem[] }> {
  try {
    await dereference(document, {
      resolve: { external: false, file: false, http: false },
      dereference: { circular: true, preservedProperties: ['description', 'summary'] },
      continueOnError: true,
    });
    return { ok: true };
  } catch (error) {
    const errors = (error as { errors?: RefError[] }).errors;
    const list: RefError[] = Array.isArray(errors) && errors.length > 0 ? errors : [{ message: error instanceof Error ? error.message : String(error) }];
    return { ok: false, problems: list.slice(0, 50).map(toProblem) };
  }
}
