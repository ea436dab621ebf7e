import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

describe('recipes API', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const definition = (text: string): RecipeDefinition => ({
    trigger: { use: 'core/webhook' },
    steps: [{ id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: text } }],
  });

  it('creates, reads, lists and deletes a recipe', async () => {
    const created = await system.api('POST', '/recipes', { name: 'Orders', folder: 'sales', ...definition('a') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Orders', folder: 'sales', status: 'draft', publishedVersionId: null, trigger: null, definition: definition('a') });
    const id = created.body.id as string;

    expect((await system.api('GET', `/recipes/${id}`)).body).toEqual(created.body);
    const listed = await system.api('GET', '/recipes?folder=sales');
    expect(listed.body.recipes.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await system.api('GET', '/recipes?search=ORD')).body.recipes.map((r: { id: string }) => r.id)).toContain(id);

    expect((await system.api('DELETE', `/recipes/${id}`)).status).toBe(204);
    expect((await system.api('GET', `/recipes/${id}`)).status).toBe(404);
    expect((await system.api('DELETE', `/recipes/${id}`)).status).toBe(404);
  });

  it('saves a new version on every PATCH with a definition; renames alone add none', async () => {
    const id = await system.createRecipe(definition('v1'));
    const first = (await system.api('GET', `/recipes/${id}`)).body;

    const saved = await system.api('PATCH', `/recipes/${id}`, { definition: definition('v2') });
    expect(saved.status).toBe(200);
    expect(saved.body.definition).toEqual(definition('v2'));
    expect(saved.body.latestVersionId).not.toBe(first.latestVersionId);
    await system.api('PATCH', `/recipes/${id}`, { definition: definition('v2') });
    const renamed = await system.api('PATCH', `/recipes/${id}`, { name: 'Renamed' });
    expect(renamed.body.name).toBe('Renamed');

    const versions = (await system.api('GET', `/recipes/${id}/versions`)).body.versions;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    expect(versions.map((v: { definition: RecipeDefinition }) => v.definition.steps[0]!.input!['value'])).toEqual(['v2', 'v2', 'v1']);
    expect((await system.api('PATCH', '/recipes/rcp_missing', { name: 'x' })).status).toBe(404);
  });

  it('marks versions draft, published and previous', async () => {
    const id = await system.createRecipe(definition('one'));
    await system.api('PATCH', `/recipes/${id}`, { definition: definition('two') });
    await system.api('POST', `/recipes/${id}/publish`);
    await system.api('PATCH', `/recipes/${id}`, { definition: definition('three') });
    const versions = (await system.api('GET', `/recipes/${id}/versions`)).body.versions;
    expect(versions.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([
      [3, 'draft'],
      [2, 'published'],
      [1, 'previous'],
    ]);
  });

  it('restores an earlier version as a new draft, audited, leaving the published version live', async () => {
    const id = await system.createRecipe(definition('one'));
    await system.api('PATCH', `/recipes/${id}`, { definition: definition('two') });
    await system.api('POST', `/recipes/${id}/publish`);
    const [published, first] = (await system.api('GET', `/recipes/${id}/versions`)).body.versions as { id: string }[];

    const restored = await system.api('POST', `/recipes/${id}/versions/${first!.id}/restore`);
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ number: 3, state: 'draft', definition: definition('one') });
    const recipe = (await system.api('GET', `/recipes/${id}`)).body;
    expect(recipe).toMatchObject({ latestVersionId: restored.body.id, publishedVersionId: published!.id, status: 'live', definition: definition('one') });

    const entries = (await system.api('GET', '/audit')).body.entries as { action: string; targetId: string; details: unknown }[];
    expect(entries.find((entry) => entry.action === 'recipe.restore' && entry.targetId === id)?.details).toEqual({
      versionId: restored.body.id,
      restoredFrom: first!.id,
      restoredNumber: 1,
    });
    expect((await system.api('POST', `/recipes/${id}/versions/ver_unknown/restore`)).status).toBe(404);
    const other = await system.createRecipe(definition('other'));
    expect((await system.api('POST', `/recipes/${other}/versions/${first!.id}/restore`)).status).toBe(404);
  });

  it('publishes a chosen version and answers with the webhook URL', async () => {
    const id = await system.createRecipe(definition('first'));
    const firstVersion = (await system.api('GET', `/recipes/${id}`)).body.latestVersionId;
    await system.api('PATCH', `/recipes/${id}`, { definition: definition('second') });
    const published = await system.api('POST', `/recipes/${id}/publish`, { versionId: firstVersion });
    expect(published.status).toBe(200);
    expect(published.body.recipe).toMatchObject({ status: 'live', publishedVersionId: firstVersion });
    expect(published.body.trigger.kind).toBe('core/webhook');
    expect(published.body.trigger.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/hooks\/[A-Za-z0-9_-]{22}$/);

    const run = await system.deliver(new URL(published.body.trigger.webhookUrl).pathname, {});
    expect(run.output).toEqual({ value: 'FIRST' });
    expect((await system.api('POST', `/recipes/${id}/publish`, { versionId: 'ver_unknown' })).status).toBe(404);
  });

  it('keeps the webhook URL across publishes', async () => {
    const id = await system.createRecipe(definition('x'));
    const first = (await system.api('POST', `/recipes/${id}/publish`)).body.trigger.webhookUrl;
    await system.api('PATCH', `/recipes/${id}`, { definition: definition('y') });
    const second = (await system.api('POST', `/recipes/${id}/publish`)).body.trigger.webhookUrl;
    expect(second).toBe(first);
  });

  for (const action of ['unpublish', 'pause'] as const) {
    it(`stops webhooks at once on ${action}`, async () => {
      const { recipeId, hookPath } = await system.publish(definition(action));
      expect((await system.postWebhook(hookPath, {})).status).toBe(202);
      const stopped = await system.api('POST', `/recipes/${recipeId}/${action}`);
      expect(stopped.status).toBe(200);
      expect(stopped.body).toMatchObject({ status: action === 'pause' ? 'paused' : 'draft', trigger: null });
      expect(stopped.body.publishedVersionId === null).toBe(action === 'unpublish');
      const refused = await system.postWebhook(hookPath, {});
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('WEBHOOK_NOT_FOUND');
      // Publishing again brings the same address back.
      await system.api('POST', `/recipes/${recipeId}/publish`);
      expect((await system.postWebhook(hookPath, {})).status).toBe(202);
    });
  }

  it('stops the webhook of a deleted recipe', async () => {
    const { recipeId, hookPath } = await system.publish(definition('gone'));
    await system.api('DELETE', `/recipes/${recipeId}`);
    expect((await system.postWebhook(hookPath, {})).status).toBe(404);
  });

  it('runs a recipe now with JSON input, the published or the latest version', async () => {
    const id = await system.createRecipe({
      trigger: { use: 'core/manual' },
      steps: [{ id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.word}}' } }],
    });
    const unpublished = await system.api('POST', `/recipes/${id}/run`, { input: { word: 'hi' } });
    expect(unpublished.status).toBe(422);
    expect(unpublished.body.error.code).toBe('NOT_PUBLISHED');
    const started = await system.api('POST', `/recipes/${id}/run`, { input: { word: 'hi' }, version: 'latest' });
    expect(started.status).toBe(202);
    const run = await system.waitForRun(started.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', triggerKind: 'core/manual', output: { value: 'HI' } });
  });

  it('lists each recipe with its newest run', async () => {
    const folder = 'last-run';
    const id = await system.createRecipe({ trigger: { use: 'core/manual' }, steps: [] });
    const idle = await system.createRecipe({ trigger: { use: 'core/manual' }, steps: [] });
    for (const recipe of [id, idle]) await system.api('PATCH', `/recipes/${recipe}`, { folder });
    const runIds: string[] = [];
    for (const attempt of [1, 2]) {
      const started = await system.api('POST', `/recipes/${id}/run`, { input: { attempt }, version: 'latest' });
      runIds.push((await system.waitForRun(started.body.runId)).id);
    }
    const listed = (await system.api('GET', `/recipes?folder=${folder}`)).body.recipes as { id: string; lastRun: unknown }[];
    expect(listed.find((r) => r.id === id)?.lastRun).toMatchObject({ id: runIds[1], status: 'succeeded', finishedAt: expect.any(Number) });
    expect(listed.find((r) => r.id === idle)?.lastRun).toBeNull();
    expect((await system.api('GET', `/recipes/${id}`)).body).not.toHaveProperty('lastRun');
  });
});
