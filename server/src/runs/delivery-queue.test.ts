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
});
