import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../test-system.js';

const recipe = JSON.stringify({ name: 'Guarded', trigger: { use: 'core/manual' }, steps: [] });

describe('API request guards (DESIGN §7)', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
  });
  afterAll(() => system?.close());

  const postRaw = (headers: Record<string, string>, raw = recipe) => system.api('POST', '/recipes', undefined, { raw, headers });

  it('refuses bodies that are not application/json with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await postRaw({ 'content-type': type });
      expect({ type, status: answer.status }).toEqual({ type, status: 415 });
      expect(answer.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const untyped = await system.api('POST', '/recipes', undefined, { raw: recipe, headers: { 'content-length': String(recipe.length) } });
    expect(untyped.status).toBe(415);
    expect(untyped.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // A cross-site form with no fields sends an empty body; its type alone is refused.
    const id = await system.createRecipe({ trigger: { use: 'core/manual' }, steps: [] });
    const emptyForm = await system.api('POST', `/recipes/${id}/publish`, undefined, {
      raw: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
    });
    expect(emptyForm.status).toBe(415);
    expect((await system.api('GET', `/recipes/${id}`)).body.status).toBe('draft');
  });

  it('refuses cross-site writes by Origin and by Fetch Metadata with 403', async () => {
    const json = { 'content-type': 'application/json' };
    const evil = await postRaw({ ...json, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('CROSS_SITE_REQUEST');
    const crossSite = await postRaw({ ...json, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await postRaw({ ...json, 'sec-fetch-site': 'same-site' })).status).toBe(403);
    // Sandboxed frames and file:// pages send the opaque origin `null`.
    expect((await postRaw({ ...json, origin: 'null' })).status).toBe(403);
    // Even a body-less POST is a state change.
    expect((await system.api('POST', '/auth/logout', undefined, { headers: { origin: 'https://evil.example' } })).status).toBe(403);

    expect((await postRaw({ ...json, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await postRaw(json)).status).toBe(201);
    // Reads stay open to any origin (they change nothing, and CORS keeps answers from other sites' scripts).
    expect((await system.api('GET', '/recipes', undefined, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });

  it('answers malformed JSON with a 400 JSON error and no stack trace', async () => {
    for (const raw of ['{"name": "x",', '{name: x}', '']) {
      const answer = await postRaw({ 'content-type': 'application/json' }, raw);
      expect({ raw, status: answer.status }).toEqual({ raw, status: 400 });
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body.error.code).toBe('MALFORMED_REQUEST');
      expect(JSON.stringify(answer.body)).not.toMatch(/\bat\s+\S+\s+\(|\.ts:\d+|\.js:\d+|node_modules/);
    }
  });

  it('refuses absurdly deep JSON before validating it', async () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    const answer = await postRaw({ 'content-type': 'application/json' }, `{"name":"x","trigger":{"use":"core/manual"},"steps":${deep}}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('JSON_TOO_DEEP');
  });

  it('answers unknown API routes with a JSON 404, never the web app page', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/recipes']) {
      const answer = await system.request('GET', path);
      expect({ path, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ path, status: 404, type: expect.stringMatching(/^application\/json/) });
      expect(answer.body.error.code).toBe('NOT_FOUND');
    }
    expect((await system.api('DELETE', '/nope')).status).toBe(404);
  });

  it('describes the API as an OpenAPI 3.1 document', async () => {
    const answer = await system.api('GET', '/openapi.json', undefined, { token: null });
    expect(answer.status).toBe(200);
    const doc = answer.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const operations = Object.entries(doc.paths as Record<string, Record<string, { responses?: object }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.map((o) => o.route)).toEqual(
      expect.arrayContaining([
        'GET /recipes',
        'POST /recipes',
        'POST /recipes/import',
        'GET /recipes/{id}',
        'PATCH /recipes/{id}',
        'DELETE /recipes/{id}',
        'GET /recipes/{id}/versions',
        'GET /recipes/{id}/export',
        'POST /recipes/{id}/publish',
        'POST /recipes/{id}/unpublish',
        'POST /recipes/{id}/pause',
        'GET /runs',
        'GET /runs/{id}',
        'POST /runs/{id}/replay',
        'POST /runs/{id}/cancel',
        'GET /users',
        'POST /tokens',
        'GET /triggers/{id}/state',
        'POST /setup',
        'POST /auth/login',
      ]),
    );
    for (const { route, op } of operations) expect(Object.keys(op.responses ?? {}), route).not.toHaveLength(0);
    // Every $ref points at something the document defines.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
      expect(target, ref).toBeDefined();
    }
  });
});
