import { packManifestSchema, paginationSchema } from '@switchyard/connectors';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import type { Database } from '../storage/database.js';
import { createVendorClient } from './create-vendor-client.js';
import { startFakeVendor, type FakeVendor } from './start-fake-vendor.js';

const egress = createEgressClient({ allow: ['127.0.0.1', 'localhost'] });
const vendor = createVendorClient({ egress, database: {} as Database, now: () => Date.now(), log: pino({ level: 'silent' }) });
let fake: FakeVendor;

beforeAll(async () => {
  fake = await startFakeVendor((request, origin) => {
    // Salesforce's shape: `nextRecordsUrl` is a path on the instance, absent on the last page.
    const page = /^\/services\/data\/v67\.0\/query\/01gxx-(\d+)$/.exec(request.url.pathname);
    const at = page ? Number(page[1]) : 0;
    if (request.url.pathname === '/elsewhere') return { body: { records: [{ n: 0 }], nextRecordsUrl: `${origin.replace('127.0.0.1', 'localhost')}/x` } };
    const records = [{ n: at }, { n: at + 1 }];
    return { body: { totalSize: 6, done: at + 2 >= 6, records, ...(at + 2 < 6 && { nextRecordsUrl: `/services/data/v67.0/query/01gxx-${at + 2}` }) } };
  });
});
afterAll(async () => {
  await fake.close();
  await egress.close();
});

const call = (path: string) => ({
  pack: packManifestSchema.parse({ id: 'acme', name: 'Acme', version: '1.0.0', engine: '^1.0.0', baseUrl: `${fake.url}/services/data/v67.0`, auth: { kind: 'none' } }),
  request: { method: 'GET' as const, path, query: { q: 'SELECT Id FROM Lead' } },
  scope: {},
});

describe('next_url pagination', () => {
  it('follows a next page path from the body until there is none, and stops at maxPages', async () => {
    const rule = paginationSchema.parse({ type: 'next_url', items: 'records', next: 'nextRecordsUrl' });
    const result = await vendor.sendPaginated(call('/query'), rule);
    expect(result.items).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
    expect(result.pages).toBe(3);
    expect(fake.requests.slice(-3).map((r) => r.url.pathname + r.url.search)).toEqual([
      '/services/data/v67.0/query?q=SELECT+Id+FROM+Lead',
      '/services/data/v67.0/query/01gxx-2',
      '/services/data/v67.0/query/01gxx-4',
    ]);
    const capped = await vendor.sendPaginated(call('/query'), paginationSchema.parse({ type: 'next_url', items: 'records', next: 'nextRecordsUrl', maxPages: 2 }));
    expect(capped.items).toHaveLength(4);
  });

  it('refuses a next URL on another origin', async () => {
    const rule = paginationSchema.parse({ type: 'next_url', items: 'records', next: 'nextRecordsUrl' });
    await expect(vendor.sendPaginated({ ...call('/x'), request: { method: 'GET', path: '/../../../elsewhere' } }, rule)).rejects.toMatchObject({ code: 'PAGINATION_OTHER_ORIGIN' });
  });
});
