import { beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { recipeRepo } from './recipe-repo.js';
import { runRepo } from './run-repo.js';
import { dialects, useMigratedDatabase, seedRecipe, testDefinition } from './test-databases.js';
import { triggerRepo } from './trigger-repo.js';

const withStep: RecipeDefinition = {
  trigger: { use: 'core/webhook' },
  steps: [{ id: 'post', use: 'core/http', input: { url: 'http://127.0.0.1:9999/sink' } }],
};

describe.each(dialects)('recipeRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  const create = (name: string, now: number, folder?: string) =>
    database.write((trx) => recipeRepo.create(trx, { name, folder, ownerId: 'usr_1', definition: testDefinition, now }));

  it('creates a draft recipe with version 1 holding the definition', async () => {
    const { recipe, version } = await create('Created', 1_000);
    expect(await recipeRepo.get(database.db, recipe.id)).toEqual({
      ...recipe,
      folder: '',
      status: 'draft',
      published_version_id: null,
      latest_version_id: version.id,
    });
    const stored = await recipeRepo.version(database.db, version.id);
    expect(stored).toMatchObject({ recipe_id: recipe.id, number: 1, created_by: 'usr_1', created_at: 1_000 });
    expect(recipeRepo.definitionOf(stored!)).toEqual(testDefinition);
    expect(await recipeRepo.get(database.db, 'rcp_missing')).toBeUndefined();
  });

  it('numbers new versions, makes the newest the latest and lists them newest first', async () => {
    const { recipe } = await create('Versioned', 1_000);
    const second = await database.write((trx) => recipeRepo.addVersion(trx, recipe.id, withStep, 'usr_2', 2_000));
    const third = await database.write((trx) => recipeRepo.addVersion(trx, recipe.id, testDefinition, null, 3_000));
    expect([second.number, third.number]).toEqual([2, 3]);
    expect(await recipeRepo.get(database.db, recipe.id)).toMatchObject({ latest_version_id: third.id, updated_at: 3_000 });
    const versions = await recipeRepo.versions(database.db, recipe.id);
    expect(versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(recipeRepo.definitionOf(versions[1]!)).toEqual(withStep);
    expect(versions[1]!.created_by).toBe('usr_2');
  });

  it('setStatus publishes a version and unpublishes again', async () => {
    const { recipe, version } = await create('Published', 1_000);
    await database.write((trx) => recipeRepo.setStatus(trx, recipe.id, 'published', version.id, 2_000));
    expect(await recipeRepo.get(database.db, recipe.id)).toMatchObject({ status: 'published', published_version_id: version.id, updated_at: 2_000 });
    await database.write((trx) => recipeRepo.setStatus(trx, recipe.id, 'paused', null, 3_000));
    expect(await recipeRepo.get(database.db, recipe.id)).toMatchObject({ status: 'paused', published_version_id: null });
  });

  it('rename changes only what it is given', async () => {
    const { recipe } = await create('Old name', 1_000, 'Sales');
    await database.write((trx) => recipeRepo.rename(trx, recipe.id, { name: 'New name' }, 2_000));
    expect(await recipeRepo.get(database.db, recipe.id)).toMatchObject({ name: 'New name', folder: 'Sales', updated_at: 2_000 });
    await database.write((trx) => recipeRepo.rename(trx, recipe.id, { folder: 'Ops' }, 3_000));
    expect(await recipeRepo.get(database.db, recipe.id)).toMatchObject({ name: 'New name', folder: 'Ops', updated_at: 3_000 });
  });

  describe('list', () => {
    const names = (rows: { name: string }[]) => rows.map((row) => row.name);
    beforeAll(async () => {
      await create('Invoice sync', 10_000, 'Finance');
      await create('Refund 100%', 10_001, 'Finance');
      await create('Refund 1000', 10_002, 'Finance');
      await create('order_sync', 10_003, 'Shop');
      await create('orderXsync', 10_004, 'Shop');
    });

    it('filters by folder, newest change first', async () => {
      expect(names(await recipeRepo.list(database.db, { folder: 'Finance' }))).toEqual(['Refund 1000', 'Refund 100%', 'Invoice sync']);
    });

    it('filters by status', async () => {
      expect(await recipeRepo.list(database.db, { folder: 'Shop', status: 'published' })).toEqual([]);
      expect(names(await recipeRepo.list(database.db, { folder: 'Shop', status: 'draft' }))).toEqual(['orderXsync', 'order_sync']);
    });

    it('searches names case-insensitively on both databases', async () => {
      expect(names(await recipeRepo.list(database.db, { search: 'invoice' }))).toEqual(['Invoice sync']);
      expect(names(await recipeRepo.list(database.db, { search: 'SYNC', folder: 'Finance' }))).toEqual(['Invoice sync']);
    });

    it('treats LIKE wildcards in a search as literal characters', async () => {
      expect(names(await recipeRepo.list(database.db, { search: 'order_sync' }))).toEqual(['order_sync']);
      expect(names(await recipeRepo.list(database.db, { search: '100%' }))).toEqual(['Refund 100%']);
      expect(await recipeRepo.list(database.db, { search: 'a\\b' })).toEqual([]);
    });
  });

  it('remove deletes the recipe with its versions, trigger, runs and run steps', async () => {
    const { recipe, version } = await seedRecipe(database, 1_000, 'Doomed');
    const [runId] = await database.write(async (trx) => {
      await triggerRepo.activate(trx, { recipeId: recipe.id, versionId: version.id, kind: 'core/webhook', config: {}, nextFireAt: null, now: 1 });
      const created = await runRepo.createMany(trx, [{ recipeId: recipe.id, versionId: version.id, triggerKind: 'core/webhook', event: {}, deadlineAt: null }], 1);
      await runRepo.saveStep(trx, {
        run_id: created[0]!, path: '0', seq: 0, step_id: 'a', use: 'core/filter', status: 'succeeded', input: null, output: null,
        error: null, attempts: 1, idempotency_key: 'k', side_effect: 0, started_at: 1, finished_at: 2, next_attempt_at: null,
      });
      return created;
    });

    expect(await database.write((trx) => recipeRepo.remove(trx, recipe.id))).toBe(true);
    expect(await recipeRepo.get(database.db, recipe.id)).toBeUndefined();
    expect(await recipeRepo.versions(database.db, recipe.id)).toEqual([]);
    expect(await triggerRepo.byRecipe(database.db, recipe.id)).toBeUndefined();
    expect(await runRepo.get(database.db, runId!)).toBeUndefined();
    expect(await runRepo.steps(database.db, runId!)).toEqual([]);
    expect(await database.write((trx) => recipeRepo.remove(trx, recipe.id))).toBe(false);
  });
});
