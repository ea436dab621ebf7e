import { dereference } from '@apidevtools/json-schema-ref-parser';
import { pointer, type PackProblem } from '../validate/pack-problem.js';
import { asRecord, type JsonRecord } from './json-value.js';

interface RefError {
  message: string;
  path?: (string | number)[] | null;
}

function refAt(document: JsonRecord, path: (string | number)[]): string | undefined {
  let node: unknown = document;
  for (const part of path) node = asRecord(node)?.[String(part)] ?? (Array.isArray(node) ? node[Number(part)] : undefined);
  const ref = asRecord(node)?.$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function toProblem(document: JsonRecord, error: RefError): PackProblem {
  const path = error.path ?? [];
  const ref = refAt(document, path);
  const message = ref === undefined ? `cannot resolve a $ref: ${error.message}` : `$ref "${ref}" points to nothing in this document`;
  return { path: pointer([...path, ...(ref === undefined ? [] : ['$ref'])]), message };
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
    return { ok: false, problems: list.slice(0, 50).map((item) => toProblem(document, item)) };
  }
}
