import { z } from 'zod';
import { errorBodySchema } from '../contracts/problem.js';

/** Small helpers so route declarations stay readable. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const errorResponse = (description: string) => jsonResponse(errorBodySchema, description);

export const idParam = z.object({ id: z.string().min(1).max(100) });

export const standardErrors = {
  401: errorResponse('no valid token or session'),
  403: errorResponse('the role does not allow this'),
} as const;
