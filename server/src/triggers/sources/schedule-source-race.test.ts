import { EventEmitter } from 'node:events';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createDeliveryQueue } from '../../runs/delivery-queue.js';
import type { Database } from '../../storage/database.js';
import { dialects, seedRecipe, useMigratedDatabase } from '../../storage/test-databases.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { ScheduleSource } from './schedule-source.js';

function scheduler(database: Database, now: number): ScheduleSource {
  const deps: TriggerDeps = {
    database,
    deliveries: createDeliveryQueue(database, () => now),
    log: pino({ level: 'silent' }),
    now: () => now,
    publicUrl: 'https://switchyard.test',
    events: new EventEmitter(),
    onEnqueued: () => {},
    runTimeoutMs: 60_000,
  };
  return new ScheduleSource(deps);
}

/**
 * Two schedulers leading at once for a moment (the old leader's session not yet noticed dead), on
 * separate connections, ticking the same schedule at slightly different clocks: one tick, one run.
 */
describe.each(dialects)('two schedulers at once on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);

  it('start one run per tick, never one each', async () => {
    const other = openAnother();
    const enabledAt = 1_000_000;
    for (let round = 0; round < 15; round++) {
      const { recipe, version } = await seedRecipe(database, enabledAt, `every second ${round}`);
      const config = { use: 'core/schedule', input: { intervalSeconds: 1 } };
      await database.write((trx) =>
        triggerRepo.activate(trx, { recipeId: recipe.id, versionId: version.id, kind: 'core/schedule', config, nextFireAt: enabledAt + 1000, now: enabledAt }),
      );
      // The second one's clock is a tick ahead, so without the compare-and-set it would fire a different time.
      await Promise.all([scheduler(database, enabledAt + 5_500).tick(), scheduler(other, enabledAt + 6_500).tick()]);
      const runs = await database.db.selectFrom('runs').select('trigger_event').where('recipe_id', '=', recipe.id).execute();
      expect(runs, `round ${round}`).toHaveLength(1);
      const trigger = await triggerRepo.byRecipe(database.db, recipe.id);
      expect(trigger?.next_fire_at).toBeGreaterThan(enabledAt + 5_500);
    }
  });
});
