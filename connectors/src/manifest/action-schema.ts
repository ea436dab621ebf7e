import { z } from 'zod';
import { dynamicFieldsSchema } from './dynamic-fields-schema.js';
import { errorMappingSchema } from './error-mapping-schema.js';
import { fieldSchema } from './field-schema.js';
import { fieldKeySchema, headerNameSchema, pathSchema, slugSchema } from './names.js';
import { paginationSchema } from './pagination-schema.js';
import { requestTemplateSchema } from './request-template-schema.js';

/**
 * One thing a recipe step can do (`use: "<pack>/<key>"`). The request sees `{{input.*}}` and
 * `{{connection.*}}` (and `{{fields}}` with `dynamicFields`). A `search` may paginate and outputs `{ items: [...] }` gathered over its pages.
 */
export const actionSchema = z.strictObject({
  key: slugSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  kind: z.enum(['action', 'search']).default('action'),
  input: z.array(fieldSchema).default([]),
  /** Fields fetched from the vendor once `dependsOn` inputs are chosen; the request sees their values as `{{fields}}`. */
  dynamicFields: dynamicFieldsSchema.optional(),
  request: requestTemplateSchema,
  /** Which part of the response body is the step's output; default the whole body. */
  output: pathSchema.optional(),
  /** An example output, shown in the builder before the step has run. */
  sample: z.unknown().optional(),
  /** Running it again changes something at the vendor; default: true unless the method is GET or HEAD. */
  sideEffect: z.boolean().optional(),
  /** The vendor deduplicates on this header; the step's idempotency key is sent in it. */
  idempotencyHeader: headerNameSchema.optional(),
  /**
   * The vendor deduplicates on this query parameter instead (QuickBooks' `requestid`); a key longer than
   * `maxLength` is sent as its hash cut to that length.
   */
  idempotencyQuery: z.strictObject({ param: z.string().min(1).max(200), maxLength: z.number().int().min(22).max(1000).optional() }).optional(),
  errors: errorMappingSchema.optional(),
  pagination: paginationSchema.optional(),
  /**
   * For vendors that take a bounded number of items per request (Airtable: 10 records): the list input
   * `input` is sent `size` items at a time, one request per chunk, and the step outputs `{ items }`, the
   * lists at `output` of every answer joined in order. A retried step resumes after the chunks that succeeded.
   */
  batch: z
    .strictObject({
      input: fieldKeySchema,
      size: z.number().int().min(1).max(1000),
      output: pathSchema.default(''),
    })
    .optional(),
});
export type Action = z.output<typeof actionSchema>;
