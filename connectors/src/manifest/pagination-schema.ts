import { z } from 'zod';
import { pathSchema } from './names.js';

const pageLimits = {
  /** Where the page's items are in the response body. */
  items: pathSchema,
  /** Stop after this many pages even if the vendor has more (protects runs from endless lists). */
  maxPages: z.number().int().min(1).max(1000).default(10),
};

/**
 * The response names the next page: `cursor` (a body path) goes into the `param` query parameter, or with
 * `in: body` into the JSON body at `param` (Notion's POST queries take `start_cursor` there), a dot path for
 * a nested field (GraphQL variables: `variables.cursor`).
 */
export const cursorPaginationSchema = z.strictObject({
  type: z.literal('cursor'),
  ...pageLimits,
  cursor: pathSchema,
  param: z.string().min(1).max(200),
  in: z.enum(['query', 'body']).default('query'),
});

/** RFC 8288 `Link: <…>; rel="next"` headers (GitHub and others). */
export const linkHeaderPaginationSchema = z.strictObject({ type: z.literal('link_header'), ...pageLimits });

/**
 * The response holds the next page's URL at the body path `next` (Salesforce's `nextRecordsUrl`, a path on the
 * instance; Microsoft Graph's `@odata.nextLink`): fetched as it is, only on the first page's origin.
 */
export const nextUrlPaginationSchema = z.strictObject({ type: z.literal('next_url'), ...pageLimits, next: pathSchema });

/** `offset` and `limit` query parameters; stops on a short page. */
export const offsetPaginationSchema = z.strictObject({
  type: z.literal('offset'),
  ...pageLimits,
  offsetParam: z.string().min(1).max(200),
  limitParam: z.string().min(1).max(200),
  pageSize: z.number().int().min(1).max(10_000),
  /** For vendors that count pages instead of items: the offset parameter then carries 1, 2, 3, … */
  unit: z.enum(['item', 'page']).default('item'),
});

export const paginationSchema = z.discriminatedUnion('type', [
  cursorPaginationSchema,
  linkHeaderPaginationSchema,
  nextUrlPaginationSchema,
  offsetPaginationSchema,
]).meta({ id: 'Pagination' });
export type Pagination = z.output<typeof paginationSchema>;
