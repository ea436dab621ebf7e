import type { Pagination } from '@switchyard/connectors';
import { readBodyPath } from './read-body-path.js';
import type { VendorCall, VendorResponse } from './vendor-client.js';
import { VendorError } from './vendor-error.js';

/** One request of a call; `page` rewrites the rendered URL (before auth is applied) for pages after the first. */
export type Exchange = (call: VendorCall, page?: (url: URL) => URL) => Promise<VendorResponse & { url: URL }>;

/**
 * Follows a search's pagination and gathers the items of every page, at most `maxPages` pages:
 * `cursor` (a body path sent back as a query parameter or JSON body field; stops when empty or repeated), `link_header`
 * (RFC 8288 rel="next", only on the first page's origin; stops at none or one marked `results="false"`), `next_url`
 * (a URL or path in the body, followed like a next link)
 * or `offset` (stops on a short page).
 */
export async function paginate(exchange: Exchange, call: VendorCall, pagination: Pagination): Promise<{ items: unknown[]; pages: number }> {
  const items: unknown[] = [];
  let page: ((url: URL) => URL) | undefined;
  const seenCursors = new Set<string>();
  let origin: string | undefined;
  for (let index = 0; index < pagination.maxPages; index++) {
    if (pagination.type === 'offset') {
      const offset = pagination.unit === 'page' ? index + 1 : index * pagination.pageSize;
      page = (url) => {
        url.searchParams.set(pagination.offsetParam, String(offset));
        url.searchParams.set(pagination.limitParam, String(pagination.pageSize));
        return url;
      };
    }
    const response = await exchange(call, page);
    origin ??= response.url.origin;
    const pageItems = itemsOf(response.body, pagination.items, call.pack.name);
    items.push(...pageItems);
    const pages = index + 1;
    if (pagination.type === 'offset') {
      if (pageItems.length < pagination.pageSize) return { items, pages };
    } else if (pagination.type === 'cursor') {
      const cursor = readBodyPath(response.body, pagination.cursor);
      const text = cursor === null || cursor === undefined || cursor === false ? '' : String(cursor);
      if (text === '' || seenCursors.has(text)) return { items, pages };
      seenCursors.add(text);
      if (pagination.in === 'body') {
        call = withBodyCursor(call, pagination.param, text);
        continue;
      }
      page = (url) => {
        url.searchParams.set(pagination.param, text);
        return url;
      };
    } else {
      const link = pagination.type === 'next_url' ? nextUrlOf(readBodyPath(response.body, pagination.next)) : nextLink(response.headers['link']);
      if (link === undefined) return { items, pages };
      const next = new URL(link, response.url);
      if (next.origin !== origin) {
        throw new VendorError('PAGINATION_OTHER_ORIGIN', `${call.pack.name} pointed its next page at ${next.origin}; pages are only followed on ${origin}`);
      }
      page = () => new URL(next);
    }
  }
  return { items, pages: pagination.maxPages };
}

/**
 * The call with the cursor in its JSON body at `param`, a dot path for a nested field (GraphQL's
 * `variables.cursor`), as data: `{{` in a cursor is escaped so it is never read as a template.
 */
function withBodyCursor(call: VendorCall, param: string, cursor: string): VendorCall {
  const json = setAtPath(call.request.json, param.split('.'), cursor.replaceAll('{{', '\\{{'));
  if (json === undefined) throw new VendorError('PAGINATION_NO_BODY', `${call.pack.name}: a body cursor needs a request whose json has an object at every step of "${param}"`);
  return { ...call, request: { ...call.request, json } };
}

/** A copy of `target` with `value` at `path` (missing objects on the way are made), or undefined when a step is not an object. */
function setAtPath(target: unknown, path: string[], value: string): Record<string, unknown> | undefined {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return undefined;
  const [key, ...rest] = path;
  const object = target as Record<string, unknown>;
  if (rest.length === 0) return { ...object, [key!]: value };
  const inner = setAtPath(object[key!] ?? {}, rest, value);
  return inner === undefined ? undefined : { ...object, [key!]: inner };
}

function nextUrlOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function itemsOf(body: unknown, path: string, vendor: string): unknown[] {
  const value = readBodyPath(body, path);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new VendorError('PAGINATION_BAD_ITEMS', `${vendor} answered a page whose "${path || '(body)'}" is not a list`);
  return value;
}

/**
 * The target of the `rel="next"` link of an RFC 8288 `Link` header (rel may list several relations).
 * Sentry always sends a next link and marks the last page's with `results="false"` (docs.sentry.io,
 * "Paginating Results"): such a link is no next page.
 */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const relations = linkParam(match[2]!, 'rel').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return linkParam(match[2]!, 'results').toLowerCase() === 'false' ? undefined : match[1]!.trim();
  }
  return undefined;
}

/** A parameter of one link (`; name="value"` or `; name=value`), '' when absent. */
function linkParam(params: string, name: string): string {
  const found = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^\\s;,]+))`, 'i').exec(params);
  return found?.[1] ?? found?.[2] ?? '';
}
