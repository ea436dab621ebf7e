import { describe, expect, it } from 'vitest';
import { recipeRepo } from './recipe-repo.js';
import { dialects, useMigratedDatabase, seedRecipe, testDefinition } from './test-databases.js';
import { triggerRepo } from './trigger-repo.js';

describe.each(dialects)('triggerRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  const activate = (recipeId: string, versionId: string, kind: string, nextFireAt: number | null, config: unknown = {}) =>
    database.write((trx) => triggerRepo.activate(trx, { recipeId, versionId, kind, config, nextFireAt, now: 1_000 }));

  it('keeps the trigger id and webhook token across activations, deactivation included', async () => {
    const { recipe, version } = await seedRecipe(database);
    const first = await activate(recipe.id, version.id, 'core/webhook', null, { dedupe: '{{body.id}}' });
    expect(first.webhook_token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await triggerRepo.byToken(database.db, first.webhook_token)).toEqual(first);

    const v2 = await database.write((trx) => recipeRepo.addVersion(trx, recipe.id, testDefinition, null, 2_000));
    await database.write((trx) => triggerRepo.deactivate(trx, recipe.id));
    expect(await triggerRepo.byId(database.db, first.id)).toMatchObject({ active: 0, next_fire_at: null });

    const second = await activate(recipe.id, v2.id, 'core/webhook', null, { dedupe: '{{body.key}}' });
    expect(second).toMatchObject({ id: first.id, webhook_token: first.webhook_token, version_id: v2.id, active: 1 });
    expect(await triggerRepo.byRecipe(database.db, recipe.id)).toEqual(second);
    expect(JSON.parse(second.config)).toEqual({ dedupe: '{{body.key}}' });
  });

  it('gives every recipe its own token', async () => {
    const a = await seedRecipe(database);
    const b = await seedRecipe(database);
    const ta = await activate(a.recipe.id, a.version.id, 'core/webhook', null);
    const tb = await activate(b.recipe.id, b.version.id, 'core/webhook', null);
    expect(ta.webhook_token).not.toBe(tb.webhook_token);
    expect(await triggerRepo.byToken(database.db, 'no-such-token')).toBeUndefined();
  });

  it('dueSchedules returns only active schedules whose time has come', async () => {
    const seeds = await Promise.all(Array.from({ length: 5 }, () => seedRecipe(database)));
    const [due, exact, future, paused, webhook] = seeds;
    const dueTrigger = await activate(due!.recipe.id, due!.version.id, 'core/schedule', 4_000);
    const exactTrigger = await activate(exact!.recipe.id, exact!.version.id, 'core/schedule', 5_000);
    await activate(future!.recipe.id, future!.version.id, 'core/schedule', 5_001);
    await activate(paused!.recipe.id, paused!.version.id, 'core/schedule', 4_000);
    await database.write((trx) => triggerRepo.deactivate(trx, paused!.recipe.id));
    await activate(webhook!.recipe.id, webhook!.version.id, 'core/webhook', 4_000);

    const mine = new Set(seeds.map((seed) => seed!.recipe.id));
    const found = (await triggerRepo.dueSchedules(database.db, 5_000)).filter((row) => mine.has(row.recipe_id));
    expect(found.map((row) => row.id).sort()).toEqual([dueTrigger.id, exactTrigger.id].sort());

    const schedules = (await triggerRepo.activeOfKind(database.db, 'core/schedule')).filter((row) => mine.has(row.recipe_id));
    expect(schedules).toHaveLength(3);
  });

  it('recordFire advances the schedule and keeps the last fire time when given none', async () => {
    const { recipe, version } = await seedRecipe(database);
    const trigger = await activate(recipe.id, version.id, 'core/schedule', 4_000);
    await database.write((trx) => triggerRepo.recordFire(trx, trigger.id, 4_000, 64_000));
    expect(await triggerRepo.byId(database.db, trigger.id)).toMatchObject({ last_fire_at: 4_000, next_fire_at: 64_000 });
    await database.write((trx) => triggerRepo.recordFire(trx, trigger.id, null, 124_000));
    expect(await triggerRepo.byId(database.db, trigger.id)).toMatchObject({ last_fire_at: 4_000, next_fire_at: 124_000 });
    expect((await triggerRepo.dueSchedules(database.db, 100_000)).map((row) => row.id)).not.toContain(trigger.id);
  });

  it('reset clears the last fire time and the state, and restarts the enabled time', async () => {
    const { recipe, version } = await seedRecipe(database);
    const trigger = await activate(recipe.id, version.id, 'core/schedule', 4_000);
    await database.write(async (trx) => {
      await triggerRepo.recordFire(trx, trigger.id, 4_000, 64_000);
      await trx.updateTable('triggers').set({ state: '{"cursor":"abc"}' }).where('id', '=', trigger.id).execute();
    });
    await database.write((trx) => triggerRepo.reset(trx, trigger.id, 70_000, 9_000));
    expect(await triggerRepo.byId(database.db, trigger.id)).toMatchObject({
      last_fire_at: null, next_fire_at: 70_000, state: '{}', enabled_at: 9_000,
    });
  });
});
