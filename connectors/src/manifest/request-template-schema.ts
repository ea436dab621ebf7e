import { z } from 'zod';
import { headerNameSchema, templateSchema } from './names.js';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** A multipart part: a text value, or a file (content as a template, usually `{{input.file}}`). */
export const multipartPartSchema = z.union([
  templateSchema,
  z.strictObject({ file: templateSchema, filename: templateSchema.optional(), contentType: z.string().max(200).optional() }),
]);

/**
 * An HTTP request described as data. `path` is appended to the pack's `baseUrl` (an absolute https URL is
 * allowed for vendors that use a second host). Every string may hold templates; a field that is one whole
 * `{{x}}` keeps its type inside `json`. At most one of `json`, `form`, `multipart`; query and header entries
 * whose value renders empty are left out, so optional inputs need no conditionals.
 */
export const requestTemplateSchema = z
  .strictObject({
    method: z.enum(httpMethods).default('GET'),
    path: templateSchema,
    query: z.record(z.string().min(1).max(200), templateSchema).optional(),
    headers: z.record(headerNameSchema, templateSchema).optional(),
    json: z.unknown().optional(),
    form: z.record(z.string().min(1).max(200), templateSchema).optional(),
    multipart: z.record(z.string().min(1).max(200), multipartPartSchema).optional(),
  })
  .refine((r) => [r.json, r.form, r.multipart].filter((b) => b !== undefined).length <= 1, {
    message: 'must have at most one body: json, form or multipart',
  })
  .meta({ id: 'RequestTemplate' });
export type RequestTemplate = z.output<typeof requestTemplateSchema>;
