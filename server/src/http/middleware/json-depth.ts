import { createMiddleware } from 'hono/factory';
import { apiError } from '../api-error.js';

const maxDepth = 64;

/** Deepest nesting of arrays/objects in JSON text, found without parsing (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) deepest = Math.max(deepest, ++depth);
    else if (ch === 125 || ch === 93) depth--;
  }
  return deepest;
}

/** Refuses absurdly nested JSON before validators recurse through it. */
export const limitJsonDepth = createMiddleware(async (c, next) => {
  if (c.req.header('content-type')?.startsWith('application/json')) {
    const text = await c.req.text();
    if (jsonDepth(text) > maxDepth) return apiError(c, 400, 'JSON_TOO_DEEP', `JSON may nest at most ${maxDepth} levels`);
  }
  return next();
});
