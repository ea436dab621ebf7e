import { describe, expect, test } from 'vitest';
import { convertValid } from './convert-for-test.js';
import { MAX_OPERATIONS } from './openapi-to-pack.js';

/** A generated document: `resources` paths with a collection and an item route, five operations each. */
function bigSpec(resources: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const item = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, count: { type: 'integer' } } };
  for (let n = 0; n < resources; n += 1) {
    const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
    paths[`/things${n}`] = {
      get: { operationId: `listThings${n}`, parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }], responses: { 200: json({ type: 'array', items: item }) } },
      post: { operationId: `createThing${n}`, requestBody: json(item), responses: { 201: json(item) } },
    };
    paths[`/things${n}/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: `getThing${n}`, responses: { 200: json(item) } },
      patch: { operationId: `updateThing${n}`, requestBody: json(item), responses: { 200: json(item) } },
      delete: { operationId: `deleteThing${n}`, responses: { 204: { description: 'gone' } } },
    };
  }
  return { openapi: '3.0.3', info: { title: 'Big', version: '1.0.0' }, servers: [{ url: 'https://big.example.com' }], paths };
}

describe('big documents', () => {
  test('a document with 250 operations converts', async () => {
    const { manifest, warnings } = await convertValid(bigSpec(50));
    expect(manifest.actions).toHaveLength(250);
    expect(new Set(manifest.actions?.map((action) => action.key)).size).toBe(250);
    expect(warnings).toEqual([]);
  });

  test(`past ${MAX_OPERATIONS} operations, the rest are left out with a warning`, async () => {
    const { manifest, warnings } = await convertValid(bigSpec(410));
    expect(manifest.actions).toHaveLength(MAX_OPERATIONS);
    expect(warnings).toEqual([`the document has 2050 operations; only the first ${MAX_OPERATIONS} became actions`]);
  }, 60_000);
});
