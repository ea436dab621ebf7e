import { describe, expect, it } from 'vitest';
import { dialects, seedRecipe, useMigratedDatabase } from '../storage/test-databases.js';
import { createDeliveryQueue } from './delivery-queue.js';

describe.each(dialects)('delivery queue on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('stores the good deliveries of a batch when one of them cannot be stored', async () => {
    const { recipe, version } = await seedRecipe(database);
    const queue = createDeliveryQueue(database, () => 1_000);
    const delivery = (recipeId: string, dedupeKey: string) => ({
      source: 'trg_test',
      dedupeKey,
      run: { recipeId, versionId: version.id, triggerKind: 'core/webhook', event: {}, deadlineAt: null },
    });
    // Enqueued in one turn, so they share one ingest; the second names a recipe deleted a moment ago.
    const results = await Promise.allSettled([
      queue.enqueue(delivery(recipe.id, 'a')),
      queue.enqueue(delivery('rcp_deleted', 'b')),
      queue.enqueue(delivery(recipe.id, 'c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const runs = await database.db.selectFrom('runs').select('id').where('recipe_id', '=', recipe.id).execute();
    expect(runs).toHaveLength(2);
  });

  it('commits enqueueAll deliveries with their extra writes, or none of them when the extra write fails', async () => {
    const { recipe, version } = await seedRecipe(database);
    const queue = createDeliveryQueue(database, () => 1_000);
    const delivery = (dedupeKey: string) => ({
      source: 'trg_all',
      dedupeKey,
      run: { recipeId: recipe.id, versionId: version.id, triggerKind: 'acme/new-item@1', event: {}, deadlineAt: null },
    });
    const failed = queue.enqueueAll([delivery('x'), delivery('y')], async (trx) => {
      await trx.insertInto('trigger_items').values({ trigger_id: 'trg_all', item_key: 'x', seen_at: 1 }).execute();
      throw new Error('crash before commit');
    });
    await expect(failed).rejects.toThrow('crash before commit');
    expect(await database.db.selectFrom('trigger_items').selectAll().where('trigger_id', '=', 'trg_all').execute()).toEqual([]);
    expect(await database.db.selectFrom('runs').select('id').where('recipe_id', '=', recipe.id).execute()).toEqual([]);

    const results = await queue.enqueueAll([delivery('x'), delivery('y')], async (trx) => {
      await trx.insertInto('trigger_items').values({ trigger_id: 'trg_all', item_key: 'x', seen_at: 1 }).execute();
    });
    expect(results.map((result) => result.duplicate)).toEqual([false, false]);
    expect(await database.db.selectFrom('trigger_items').selectAll().where('trigger_id', '=', 'trg_all').execute()).toHaveLength(1);
    expect(await database.db.selectFrom('runs').select('id').where('recipe_id', '=', recipe.id).execute()).toHaveLength(2);
  });
});
