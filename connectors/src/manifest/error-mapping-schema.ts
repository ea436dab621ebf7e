import { z } from 'zod';
import { pathSchema, templateSchema } from './names.js';

/**
 * Turns a vendor's error body into a sentence a user understands. `message` and `code` are paths into the
 * JSON error body (`error.message`); `byStatus` overrides by HTTP status with a template that sees
 * `{{status}}` and `{{body}}`.
 */
export const errorMappingSchema = z.strictObject({
  message: pathSchema.optional(),
  code: pathSchema.optional(),
  byStatus: z.record(z.string().regex(/^[1-5]\d\d$/, 'must be an HTTP status such as 404'), templateSchema).optional(),
}).meta({ id: 'ErrorMapping' });
export type ErrorMapping = z.output<typeof errorMappingSchema>;
