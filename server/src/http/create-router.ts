import { OpenAPIHono } from '@hono/zod-openapi';
import { problemsFromZod } from '../contracts/problem.js';
import type { ApiEnv } from './api-env.js';
import { invalid } from './api-error.js';

/** An API router whose request validation answers 422 with every problem as a JSON pointer. */
export function createRouter() {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return invalid(c, problemsFromZod(result.error));
      return undefined;
    },
  });
}
