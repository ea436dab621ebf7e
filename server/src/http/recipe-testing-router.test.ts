import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { startTestSystem, type TestSystem } from '../test-system.js';
import { signerEventsTrigger, signerPack } from './signer-test-pack.js';

const secret = 'test-trigger-secret';
const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

/** A pack whose webhook trigger is signed with a secret kept in the connection, and a poll trigger that takes no deliveries. */
const testedPack = signerPack([
  { ...signerEventsTrigger, events: 'data', filter: { value: '{{event.type}}', oneOf: ['paid'] } },
  { kind: 'poll', key: 'list', name: 'List', request: { path: '/things' }, items: 'data' },
]);

describe('builder testing routes', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const signedWebhook = (steps: RecipeDefinition['steps'] = []): RecipeDefinition => ({
    trigger: { use: 'core/webhook', input: { verification: { scheme: 'hmac', secret, header: 'x-signature', prefix: 'sha256=' } } },
    steps,
  });
  const runsOf = async (recipeId: string) => (await system.api('GET', `/runs?recipe=${recipeId}`)).body.runs as unknown[];
  const post = (path: string, raw: string, headers: Record<string, string>) =>
    system.request('POST', path, undefined, { token: null, raw, headers: { 'content-type': 'application/json', ...headers } });

  it('captures a signed delivery at the test URL, refuses a bad signature, and starts no run', async () => {
    const recipeId = await system.createRecipe(signedWebhook());
    const opened = await system.api('POST', `/recipes/${recipeId}/test-trigger`);
    expect(opened.status).toBe(201);
    const path = new URL(opened.body.url as string).pathname;
    expect(path).toMatch(/^\/hooks\/test\/[A-Za-z0-9_-]{32}$/);

    const payload = JSON.stringify({ order: { id: 7, total: 12.5 } });
    const refused = await post(path, payload, { 'x-signature': sign(payload, 'wrong-secret') });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SIGNATURE_INVALID');
    // Kept as refused, so the builder shows why nothing arrived; never a sample.
    const afterRefusal = (await system.api('GET', `/recipes/${recipeId}/test-trigger`)).body.events as { event: unknown; refused?: { code: string } }[];
    expect(afterRefusal).toMatchObject([{ event: null, refused: { code: 'SIGNATURE_INVALID' } }]);

    const first = await post(path, payload, { 'x-signature': sign(payload), authorization: 'Bearer vendor-token' });
    expect(first.status).toBe(200);
    const second = JSON.stringify({ order: { id: 8 } });
    expect((await post(path, second, { 'x-signature': sign(second) })).status).toBe(200);

    const listed = await system.api('GET', `/recipes/${recipeId}/test-trigger`);
    expect(listed.body.listening.url).toBe(opened.body.url);
    const events = (listed.body.events as { event: { body: unknown; headers: Record<string, string> } | null }[]).flatMap((captured) => (captured.event ? [captured.event] : []));
    expect(events.map((event) => event.body)).toEqual([{ order: { id: 8 } }, { order: { id: 7, total: 12.5 } }]);
    expect(events[1]!.headers['authorization']).toBe('[redacted]');
    expect(await runsOf(recipeId)).toEqual([]);
  });

  it('keeps only the newest ten captures and forgets them when a new test starts; unknown URLs are 404', async () => {
    const recipeId = await system.createRecipe({ trigger: { use: 'core/webhook' }, steps: [] });
    const path = new URL((await system.api('POST', `/recipes/${recipeId}/test-trigger`)).body.url as string).pathname;
    for (let n = 1; n <= 12; n++) expect((await post(path, JSON.stringify({ n }), {})).status).toBe(200);
    const events = (await system.api('GET', `/recipes/${recipeId}/test-trigger`)).body.events as { event: { body: { n: number } } }[];
    expect(events.map((captured) => captured.event.body.n)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);

    const again = await system.api('POST', `/recipes/${recipeId}/test-trigger`);
    expect((await system.api('GET', `/recipes/${recipeId}/test-trigger`)).body.events).toEqual([]);
    expect((await post(path, '{}', {})).status).toBe(404);
    expect(new URL(again.body.url as string).pathname).not.toBe(path);
    expect((await post('/hooks/test/not-a-token-at-all-xyz', '{}', {})).status).toBe(404);
  });

  it("verifies a pack webhook trigger's test deliveries with its connection's secret and keeps each listed event", async () => {
    const installed = await createPackRegistry({ database: system.wired.database, now: Date.now }).installPack(testedPack, 'test', null);
    if (!installed.ok) throw new Error(JSON.stringify(installed));
    const created = await system.api('POST', '/connections', { packId: 'signer', name: 'Signer', fields: { api_key: 'k', webhook_secret: 'pack-secret' } });
    expect(created.status).toBe(201);
    const connection = created.body.connection.id as string;
    const recipeId = await system.createRecipe({ trigger: { use: 'signer/events', connection }, steps: [] });
    const opened = await system.api('POST', `/recipes/${recipeId}/test-trigger`);
    expect(opened.status).toBe(201);
    const path = new URL(opened.body.url as string).pathname;

    const payload = JSON.stringify({ data: [{ id: 'ev_1', type: 'paid' }, { id: 'ev_2', type: 'ignored' }, { id: 'ev_3', type: 'paid' }] });
    const forged = await post(path, payload, { 'x-signer-signature': sign(payload, 'not-the-connection-secret') });
    expect(forged.status).toBe(401);
    const good = await post(path, payload, { 'x-signer-signature': sign(payload, 'pack-secret') });
    expect(good.status).toBe(200);
    expect(good.body.filtered).toBe(1);
    const onlyIgnored = JSON.stringify({ data: [{ id: 'ev_4', type: 'ignored' }] });
    expect((await post(path, onlyIgnored, { 'x-signer-signature': sign(onlyIgnored, 'pack-secret') })).status).toBe(200);

    const listed = (await system.api('GET', `/recipes/${recipeId}/test-trigger`)).body.events as { event: { id: string } | null; refused?: { code: string; message: string } }[];
    expect(listed.filter((captured) => captured.refused).map((captured) => captured.refused!.code).sort()).toEqual(['FILTERED', 'SIGNATURE_INVALID']);
    expect(listed.flatMap((captured) => (captured.event ? [captured.event.id] : [])).sort()).toEqual(['ev_1', 'ev_3']);
    expect(await runsOf(recipeId)).toEqual([]);

    const polled = await system.createRecipe({ trigger: { use: 'signer/list', connection }, steps: [] });
    expect((await system.api('POST', `/recipes/${polled}/test-trigger`)).status).toBe(422);
  });

  it('refuses a test URL for a recipe whose trigger is not a webhook, and lists recent run events and samples', async () => {
    const manual = await system.createRecipe({ trigger: { use: 'core/manual', input: { sample: { name: 'Ada' } } }, steps: [] });
    const refused = await system.api('POST', `/recipes/${manual}/test-trigger`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('NOT_A_WEBHOOK_RECIPE');
    expect((await system.api('GET', `/recipes/${manual}/trigger-samples`)).body).toEqual({ recent: [], sample: { name: 'Ada' } });

    const { recipeId, hookPath } = await system.publish({ trigger: { use: 'core/webhook' }, steps: [] });
    await system.deliver(hookPath, { first: true });
    await system.deliver(hookPath, { second: true });
    const samples = (await system.api('GET', `/recipes/${recipeId}/trigger-samples`)).body;
    expect(samples.recent.map((recent: { event: { body: unknown } }) => recent.event.body)).toEqual([{ second: true }, { first: true }]);
    expect(samples.sample).toBeNull();
    expect((await system.api('GET', '/recipes/rcp_missing/trigger-samples')).status).toBe(404);
  });

  it('tests an HTTP step against the sample scope for real, outside any run', async () => {
    const recipeId = await system.createRecipe(
      signedWebhook([
        { id: 'shape', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.name}}' } },
        { id: 'post', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/step-test`, json: { who: '{{steps.shape.output.value}}', id: '{{trigger.body.id}}' } } },
      ]),
    );
    const sample = { trigger: { body: { name: 'ada', id: 3 } }, steps: { shape: { value: 'ADA' } } };
    const tested = await system.api('POST', `/recipes/${recipeId}/steps/post/test`, { sample });
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(true);
    expect(tested.body.input.json).toEqual({ who: 'ADA', id: 3 });
    expect(tested.body.output.status).toBe(200);
    expect(system.sink.hits('/step-test').map((hit) => hit.json)).toEqual([{ who: 'ADA', id: 3 }]);
    expect(typeof tested.body.ms).toBe('number');
    expect(await runsOf(recipeId)).toEqual([]);
    const audit = (await system.api('GET', '/audit')).body.entries as { action: string; targetId: string; details: unknown }[];
    expect(audit.find((entry) => entry.action === 'recipe.test-step')).toMatchObject({ targetId: recipeId, details: { stepId: 'post', use: 'core/http', ok: true } });
  });

  it('answers a failing step with its error, a parking step with what it would wait for, and refuses loops and unknown steps', async () => {
    system.sink.script('/broken', { status: 500, body: { oops: true } });
    const recipeId = await system.createRecipe({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'broken', use: 'core/http', input: { url: `${system.sink.url}/broken` }, retry: { maxAttempts: 5 } },
        { id: 'pause', use: 'core/delay', input: { for: { minutes: 5 } } },
        { id: 'each', use: 'core/loop', input: { items: '{{trigger.body.items}}' }, steps: [{ id: 'inner', use: 'core/formatter', input: { operation: 'text.upper', value: '{{loop.item}}' } }] },
      ],
    });
    const broken = await system.api('POST', `/recipes/${recipeId}/steps/broken/test`, {});
    expect(broken.status).toBe(200);
    expect(broken.body.ok).toBe(false);
    expect(broken.body.error.code).toBeTruthy();
    expect(system.sink.hits('/broken')).toHaveLength(1);

    const pause = await system.api('POST', `/recipes/${recipeId}/steps/pause/test`, {});
    expect(pause.body.ok).toBe(true);
    expect(pause.body.wouldPark).toMatch(/would wait here until/);

    expect((await system.api('POST', `/recipes/${recipeId}/steps/each/test`, {})).status).toBe(422);
    const inner = await system.api('POST', `/recipes/${recipeId}/steps/inner/test`, { sample: { trigger: { body: { items: ['first', 'second'] } } } });
    expect(inner.body).toMatchObject({ ok: true, output: { value: 'FIRST' } });
    const noItems = await system.api('POST', `/recipes/${recipeId}/steps/inner/test`, { sample: { trigger: { body: { items: [] } } } });
    expect(noItems.body.error).toEqual({ code: 'LOOP_ITEMS_UNAVAILABLE', message: 'the loop "each" has no items in the sample data to test with' });
    expect((await system.api('POST', `/recipes/${recipeId}/steps/nope/test`, {})).status).toBe(404);
    expect((await system.api('POST', `/recipes/${recipeId}/steps/pause/test`, { sample: { extra: 1 } })).status).toBe(422);
  });

  it('lets viewers read samples but not test', async () => {
    const viewer = await system.addUser('viewer');
    const recipeId = await system.createRecipe({ trigger: { use: 'core/webhook' }, steps: [{ id: 'x', use: 'core/delay', input: { for: { minutes: 1 } } }] });
    expect((await system.api('POST', `/recipes/${recipeId}/test-trigger`, undefined, { token: viewer })).status).toBe(403);
    expect((await system.api('POST', `/recipes/${recipeId}/steps/x/test`, {}, { token: viewer })).status).toBe(403);
    expect((await system.api('GET', `/recipes/${recipeId}/trigger-samples`, undefined, { token: viewer })).status).toBe(200);
  });
});
