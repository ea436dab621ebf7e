import { resolvePath } from '../templates/index.js';

/**
 * Reads a pack's dot path (`data.items`, `results[0].id`, `lines.0.sku`) out of a response body through
 * own data properties only; the empty path is the body itself. Missing is `undefined`.
 */
export function readBodyPath(body: unknown, path: string): unknown {
  const segments = path.match(/[^.[\]]+/g) ?? [];
  return resolvePath(body, segments);
}
