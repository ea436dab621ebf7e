import { pointer, type PackProblem } from '../validate/pack-problem.js';

// Bounds the walk over hostile input; real specs have far fewer nodes.
const MAX_NODES = 5_000_000;

/**
 * Every `$ref` that leaves the document (another file or a URL). Conversion never reads files or the
 * network, so each one is a problem naming where it is.
 */
export function findExternalRefs(document: unknown, limit = 50): PackProblem[] {
  const problems: PackProblem[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; path: string[] }[] = [{ value: document, path: [] }];
  let visited = 0;
  while (stack.length > 0 && problems.length < limit && visited < MAX_NODES) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    visited += 1;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) {
        problems.push({
          path: pointer([...path, key]),
          message: `external $ref "${child}" is not followed (no files or network are read); bundle the document into one file first`,
        });
      } else if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return problems.sort((a, b) => a.path.localeCompare(b.path));
}
