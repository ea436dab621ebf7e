import { z } from 'zod';

/** One thing wrong with a request, located by JSON pointer into the body. */
export const problemSchema = z.object({
  path: z.string().describe('JSON pointer into the request body, e.g. /steps/2/input/url'),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('SCREAMING_SNAKE error code'),
    message: z.string(),
    problems: z.array(problemSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Converts zod issues to problems with JSON pointers. */
export function problemsFromZod(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map((issue) => ({
    path: prefix + issue.path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''),
    message: issue.message,
  }));
}
