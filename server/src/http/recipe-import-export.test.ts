import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../test-system.js';

/** Every object's keys in document order, so two values compare by key order too. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value === null || typeof value !== 'object') return null;
  return Object.entries(value).map(([key, item]) => [key, keyOrder(item)]);
}

describe('recipe files: import and export', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
  });
  afterAll(() => system?.close());

  const importText = (text: string) => system.api('POST', '/recipes/import', undefined, { raw: text, headers: { 'content-type': 'application/json' } });

  it('round-trips a canonical 2-space file byte for byte', async () => {
    const file = {
      name: 'Big orders to the sink',
      folder: 'ops',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [
        { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: 100 }] } },
        {
          id: 'post',
          use: 'core/http',
          input: { method: 'POST', url: 'http://127.0.0.1:9999/sink', json: { id: '{{trigger.body.id}}', amount: '{{trigger.body.amount}}' } },
          retry: { maxAttempts: 3, baseDelayMs: 50 },
          onError: 'continue',
        },
      ],
      settings: { maxConcurrency: 2 },
    };
    const text = JSON.stringify(file, null, 2);
    const imported = await importText(text);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ name: file.name, folder: 'ops', status: 'draft' });

    const exported = await system.api('GET', `/recipes/${imported.body.id}/export`);
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body, null, 2)).toBe(text);
  });

  it('keeps the key order of a file written in another order and layout', async () => {
    const text = `{"name":"Odd order",
      "steps": [ { "input": { "value": "{{trigger.body.word}}", "operation": "text.upper" }, "use": "core/formatter", "id": "shout" },
                 { "use": "core/filter", "id": "check",
                   "input": { "any": [ { "right": "HI", "op": "eq", "left": "{{steps.shout.output.value}}" } ] } } ],
      "trigger": { "input": { "maxBodyBytes": 2048, "dedupe": "{{body.id}}" }, "use": "core/webhook" } }`;
    const imported = await importText(text);
    expect(imported.status).toBe(201);
    const exported = (await system.api('GET', `/recipes/${imported.body.id}/export`)).body;
    expect(exported).toEqual(JSON.parse(text));
    expect(keyOrder(exported)).toEqual(keyOrder(JSON.parse(text)));
    // A second trip through the canonical layout is then exact.
    const again = await importText(JSON.stringify(exported, null, 2));
    const reexported = (await system.api('GET', `/recipes/${again.body.id}/export`)).body;
    expect(JSON.stringify(reexported, null, 2)).toBe(JSON.stringify(exported, null, 2));
  });

  it('exports a chosen version, and saves PATCHed definitions as sent', async () => {
    const imported = await importText(JSON.stringify({ name: 'Versions', trigger: { use: 'core/manual' }, steps: [] }, null, 2));
    const id = imported.body.id as string;
    const firstVersion = imported.body.latestVersionId as string;
    const second = { steps: [{ use: 'core/delay', id: 'wait', input: { for: { seconds: 1 } } }], trigger: { use: 'core/manual' } };
    await system.api('PATCH', `/recipes/${id}`, { definition: second });

    const latest = (await system.api('GET', `/recipes/${id}/export`)).body;
    expect(JSON.stringify(latest)).toBe(JSON.stringify({ name: 'Versions', ...second }));
    const old = (await system.api('GET', `/recipes/${id}/export?version=${firstVersion}`)).body;
    expect(old).toEqual({ name: 'Versions', trigger: { use: 'core/manual' }, steps: [] });
    expect((await system.api('GET', `/recipes/${id}/export?version=ver_nope`)).status).toBe(404);
  });

  it('refuses a file with unknown top-level keys and saves nothing', async () => {
    const before = (await system.api('GET', '/recipes')).body.recipes.length;
    const answer = await importText(JSON.stringify({ name: 'Extra', trigger: { use: 'core/manual' }, steps: [], colour: 'red' }));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect((await system.api('GET', '/recipes')).body.recipes.length).toBe(before);
  });
});
