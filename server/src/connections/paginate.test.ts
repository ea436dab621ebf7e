import { packManifestSchema, paginationSchema } from '@switchyard/connectors';
import type { z } from 'zod';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import type { Database } from '../storage/database.js';
import { createVendorClient } from './create-vendor-client.js';
import { nextLink } from './paginate.js';
import { startFakeVendor, type FakeVendor, type FakeVendorAnswer } from './start-fake-vendor.js';
import type { VendorCall } from './vendor-client.js';

const egress = createEgressClient({ allow: ['127.0.0.1', 'localhost'] });
const vendor = createVendorClient({ egress, database: {} as Database, now: () => Date.now(), log: pino({ level: 'silent' }) });
const all = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
let fake: FakeVendor;

beforeAll(async () => {
  fake = await startFakeVendor((request, origin): FakeVendorAnswer => {
    const q = request.url.searchParams;
    switch (request.url.pathname) {
      case '/cursor': {
        const start = Number(q.get('after') ?? 0);
        const next = start + 3 < all.length ? String(start + 3) : '';
        return { body: { data: all.slice(start, start + 3), meta: { next } } };
      }
      case '/query': {
        // Notion's shape: POST with start_cursor in the JSON body, next_cursor in the answer.
        const start = Number.parseInt((JSON.parse(request.body.toString()) as { start_cursor?: string }).start_cursor?.slice(1) ?? '0', 10);
        const next = start + 3 < all.length ? `c${start + 3}{{x}}` : null;
        return { body: { results: all.slice(start, start + 3), next_cursor: next, has_more: next !== null } };
      }
      case '/graphql': {
        // A GraphQL shape: the cursor goes back inside variables.
        const { variables } = JSON.parse(request.body.toString()) as { variables: { cursor?: string } };
        const start = Number(variables.cursor ?? 0);
        const next = start + 3 < all.length ? String(start + 3) : null;
        return { body: { data: { page: { cursor: next, items: all.slice(start, start + 3) } } } };
      }
      case '/stuck':
        return { body: { data: [{ id: 1 }], meta: { next: 'same' } } };
      case '/linked': {
        const page = Number(q.get('page') ?? 1);
        const links = [`<${origin}/linked?page=${page + 1}>; rel="next"`, `<${origin}/linked?page=3>; rel="last"`];
        return { headers: page < 3 ? { link: links.join(', ') } : {}, body: [{ page }] };
      }
      case '/sentry': {
        // Sentry's shape: previous and next links on every page, `results` saying whether they lead anywhere.
        const cursor = Number((q.get('cursor') ?? '0:0:0').split(':')[1]);
        const more = cursor + 3 < all.length;
        const link = (rel: string, at: number, results: boolean) => `<${origin}/sentry?cursor=0:${at}:0>; rel="${rel}"; results="${results}"; cursor="0:${at}:0"`;
        return { headers: { link: [link('previous', Math.max(0, cursor - 3), cursor > 0), link('next', cursor + 3, more)].join(', ') }, body: all.slice(cursor, cursor + 3) };
      }
      case '/escape':
        return { headers: { link: `<${origin.replace('127.0.0.1', 'localhost')}/linked?page=2>; rel="next"` }, body: [{ page: 1 }] };
      case '/offset': {
        const size = Number(q.get('limit'));
        const start = q.has('page') ? (Number(q.get('page')) - 1) * size : Number(q.get('offset'));
        return { body: { results: all.slice(start, start + size) } };
      }
      default:
        return { status: 404, body: {} };
    }
  });
});
afterAll(async () => {
  await fake.close();
  await egress.close();
});

const call = (path: string): VendorCall => ({
  pack: packManifestSchema.parse({ id: 'acme', name: 'Acme', version: '1.0.0', engine: '^1.0.0', baseUrl: fake.url, auth: { kind: 'none' } }),
  request: { method: 'GET', path, query: { q: 'x' } },
  scope: {},
});
const ids = (items: unknown[]) => items.map((item) => (item as { id: number }).id);
const paginated = (path: string, rule: z.input<typeof paginationSchema>) => vendor.sendPaginated(call(path), paginationSchema.parse(rule));
const sent = (path: string) => fake.requests.filter((r) => r.url.pathname === path).map((r) => Object.fromEntries(r.url.searchParams));

describe('sendPaginated', () => {
  it('follows a body cursor until it is empty, keeping the template query', async () => {
    const result = await paginated('/cursor', { type: 'cursor', items: 'data', cursor: 'meta.next', param: 'after' });
    expect(ids(result.items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(result.pages).toBe(3);
    expect(sent('/cursor')).toEqual([{ q: 'x' }, { q: 'x', after: '3' }, { q: 'x', after: '6' }]);
  });

  it('sends a cursor in the JSON body with in: body, as data (a cursor holding {{ is not a template)', async () => {
    const post: VendorCall = { ...call('/query'), request: { method: 'POST', path: '/query', json: { page_size: 3, filter: { and: [] } } } };
    const result = await vendor.sendPaginated(post, paginationSchema.parse({ type: 'cursor', items: 'results', cursor: 'next_cursor', param: 'start_cursor', in: 'body' }));
    expect(ids(result.items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const bodies = fake.requests.filter((r) => r.url.pathname === '/query').map((r) => JSON.parse(r.body.toString()) as unknown);
    expect(bodies).toEqual([
      { page_size: 3, filter: { and: [] } },
      { page_size: 3, filter: { and: [] }, start_cursor: 'c3{{x}}' },
      { page_size: 3, filter: { and: [] }, start_cursor: 'c6{{x}}' },
    ]);
  });

  it('sends a body cursor at a dot path, inside GraphQL variables, and refuses a path through a non-object', async () => {
    const json = { query: 'query ($cursor: String) { page(cursor: $cursor) { cursor items { id } } }', variables: { board: '1' } };
    const post: VendorCall = { ...call('/graphql'), request: { method: 'POST', path: '/graphql', json } };
    const result = await vendor.sendPaginated(post, paginationSchema.parse({ type: 'cursor', items: 'data.page.items', cursor: 'data.page.cursor', param: 'variables.cursor', in: 'body' }));
    expect(ids(result.items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const sentVariables = fake.requests.filter((r) => r.url.pathname === '/graphql').map((r) => (JSON.parse(r.body.toString()) as { variables: unknown }).variables);
    expect(sentVariables).toEqual([{ board: '1' }, { board: '1', cursor: '3' }, { board: '1', cursor: '6' }]);
    const flat: VendorCall = { ...post, request: { ...post.request, json: { ...json, variables: 'not an object' } } };
    await expect(vendor.sendPaginated(flat, paginationSchema.parse({ type: 'cursor', items: 'data.page.items', cursor: 'data.page.cursor', param: 'variables.cursor', in: 'body' }))).rejects.toThrow(
      'a body cursor needs a request whose json has an object at every step of "variables.cursor"',
    );
  });

  it('stops on a repeated cursor and at maxPages', async () => {
    expect((await paginated('/stuck', { type: 'cursor', items: 'data', cursor: 'meta.next', param: 'after', maxPages: 50 })).pages).toBe(2);
    const capped = await paginated('/cursor', { type: 'cursor', items: 'data', cursor: 'meta.next', param: 'after', maxPages: 2 });
    expect(ids(capped.items)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('follows Link rel="next" on the same origin', async () => {
    const result = await paginated('/linked', { type: 'link_header', items: '' });
    expect(result.items).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
    expect(sent('/linked').map((q) => q['page'])).toEqual([undefined, '2', '3']);
  });

  it('stops at a next link marked results="false" (Sentry) instead of following it to maxPages', async () => {
    const result = await paginated('/sentry', { type: 'link_header', items: '', maxPages: 20 });
    expect(ids(result.items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(result.pages).toBe(3);
    expect(sent('/sentry').map((q) => q['cursor'])).toEqual([undefined, '0:3:0', '0:6:0']);
  });

  it('refuses a next link on another origin', async () => {
    await expect(paginated('/escape', { type: 'link_header', items: '' })).rejects.toMatchObject({ code: 'PAGINATION_OTHER_ORIGIN', retryable: false });
    expect(fake.requests.filter((r) => r.headers.host?.startsWith('localhost'))).toHaveLength(0);
  });

  it('pages by offset in items or in pages and stops on a short page', async () => {
    const items = await paginated('/offset', { type: 'offset', items: 'results', offsetParam: 'offset', limitParam: 'limit', pageSize: 3 });
    expect(ids(items.items)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sent('/offset').map((q) => q['offset'])).toEqual(['0', '3', '6']);
    const pages = await paginated('/offset', { type: 'offset', items: 'results', offsetParam: 'page', limitParam: 'limit', pageSize: 2, unit: 'page', maxPages: 3 });
    expect(ids(pages.items)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pages.pages).toBe(3);
  });
});

describe('nextLink', () => {
  it('reads RFC 8288 links with quoted, unquoted and multiple relations', () => {
    expect(nextLink('<https://a.example/x?page=2>; rel="next", <https://a.example/x?page=9>; rel="last"')).toBe('https://a.example/x?page=2');
    expect(nextLink('<https://a.example/p?page=1>; rel="prev", </x?page=3>; rel=next')).toBe('/x?page=3');
    expect(nextLink('<https://a.example/y>; title="a, b"; rel="last next"')).toBe('https://a.example/y');
    expect(nextLink('<https://a.example/p>; rel="prev"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });

  it('reads a next link marked results="false" as none, and one marked results="true" as a page', () => {
    const previous = '<https://s.example/e/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1"';
    expect(nextLink(`${previous}, <https://s.example/e/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"`)).toBe('https://s.example/e/?&cursor=0:100:0');
    expect(nextLink(`${previous}, <https://s.example/e/?&cursor=0:200:0>; rel="next"; results="false"; cursor="0:200:0"`)).toBeUndefined();
    expect(nextLink('<https://s.example/e/?cursor=1>; rel=next; results=false')).toBeUndefined();
  });
});
