import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../contracts/problem.js';

/** The one error shape of the API: `{ error: { code, message, problems? } }`. */
export function apiError<Status extends ContentfulStatusCode>(
  c: Context,
  status: Status,
  code: string,
  message: string,
  problems?: Problem[],
) {
  const error: { code: string; message: string; problems?: Problem[] } = { code, message };
  if (problems) error.problems = problems;
  return c.json({ error }, status);
}

export function invalid(c: Context, problems: Problem[]) {
  const first = problems[0];
  const summary = first ? `${first.path || '/'}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}` : 'invalid request';
  return apiError(c, 422, 'VALIDATION_FAILED', summary, problems);
}
