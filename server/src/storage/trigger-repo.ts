import { createId, createToken } from './create-id.js';
import type { Db } from './database.js';
import { toJson } from './json-column.js';
import type { TriggerRow } from './tables.js';

export const triggerRepo = {
  /**
   * Points the recipe's trigger at a version and switches it on; the webhook token never changes. A new
   * row takes `webhookToken` when given (a subscription was registered at that URL before this write);
   * `state` replaces what the trigger remembers, else it is kept.
   */
  async activate(
    ex: Db,
    input: {
      recipeId: string;
      versionId: string;
      kind: string;
      config: unknown;
      nextFireAt: number | null;
      now: number;
      webhookToken?: string | undefined;
      state?: unknown;
    },
  ): Promise<TriggerRow> {
    const existing = await ex.selectFrom('triggers').selectAll().where('recipe_id', '=', input.recipeId).executeTakeFirst();
    const values = {
      kind: input.kind,
      version_id: input.versionId,
      config: toJson(input.config),
      active: 1,
      next_fire_at: input.nextFireAt,
      enabled_at: input.now,
      ...(input.state !== undefined && { state: toJson(input.state) }),
    };
    if (existing) {
      await ex.updateTable('triggers').set(values).where('id', '=', existing.id).execute();
      return { ...existing, ...values };
    }
    const row = {
      id: createId('trg', input.now),
      recipe_id: input.recipeId,
      webhook_token: input.webhookToken ?? createToken(),
      last_fire_at: null,
      state: '{}',
      ...values,
    };
    await ex.insertInto('triggers').values(row).execute();
    return row;
  },

  async deactivate(ex: Db, recipeId: string): Promise<void> {
    await ex.updateTable('triggers').set({ active: 0, next_fire_at: null }).where('recipe_id', '=', recipeId).execute();
  },

  byToken(ex: Db, token: string): Promise<TriggerRow | undefined> {
    return ex.selectFrom('triggers').selectAll().where('webhook_token', '=', token).executeTakeFirst();
  },

  byRecipe(ex: Db, recipeId: string): Promise<TriggerRow | undefined> {
    return ex.selectFrom('triggers').selectAll().where('recipe_id', '=', recipeId).executeTakeFirst();
  },

  byId(ex: Db, id: string): Promise<TriggerRow | undefined> {
    return ex.selectFrom('triggers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  dueSchedules(ex: Db, now: number): Promise<TriggerRow[]> {
    return ex
      .selectFrom('triggers')
      .selectAll()
      .where('active', '=', 1)
      .where('kind', '=', 'core/schedule')
      .where('next_fire_at', '<=', now)
      .execute();
  },

  /** Pack triggers (polls, subscriptions to renew) whose time has come, oldest due first. */
  duePacks(ex: Db, now: number, limit: number): Promise<TriggerRow[]> {
    return ex
      .selectFrom('triggers')
      .selectAll()
      .where('active', '=', 1)
      .where('kind', 'not like', 'core/%')
      .where('next_fire_at', '<=', now)
      .orderBy('next_fire_at')
      .limit(limit)
      .execute();
  },

  /**
   * Takes a due trigger for this process until `leaseUntil` by moving its time; false when another
   * process moved it first. A crashed holder's trigger is due again once the lease has passed.
   */
  async claim(ex: Db, id: string, dueAt: number, leaseUntil: number): Promise<boolean> {
    const result = await ex
      .updateTable('triggers')
      .set({ next_fire_at: leaseUntil })
      .where('id', '=', id)
      .where('active', '=', 1)
      .where('next_fire_at', '=', dueAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Replaces what the trigger remembers; `nextFireAt` undefined leaves its next time alone. */
  async setState(ex: Db, id: string, state: unknown, nextFireAt?: number | null): Promise<void> {
    await ex
      .updateTable('triggers')
      .set({ state: toJson(state), ...(nextFireAt !== undefined && { next_fire_at: nextFireAt }) })
      .where('id', '=', id)
      .execute();
  },

  activeOfKind(ex: Db, kind: string): Promise<TriggerRow[]> {
    return ex.selectFrom('triggers').selectAll().where('active', '=', 1).where('kind', '=', kind).execute();
  },

  /**
   * Advances a schedule. With `onlyIf`, a compare-and-set: false (nothing written) when the trigger is no
   * longer live at that version and time, e.g. another scheduler fired it first. Concurrent callers
   * serialise on the row lock and the later one then sees the moved time, so only one wins a tick.
   */
  async recordFire(
    ex: Db,
    id: string,
    lastFireAt: number | null,
    nextFireAt: number | null,
    onlyIf?: { nextFireAt: number; versionId: string },
  ): Promise<boolean> {
    let update = ex
      .updateTable('triggers')
      .set({ ...(lastFireAt !== null && { last_fire_at: lastFireAt }), next_fire_at: nextFireAt })
      .where('id', '=', id);
    if (onlyIf) update = update.where('active', '=', 1).where('version_id', '=', onlyIf.versionId).where('next_fire_at', '=', onlyIf.nextFireAt);
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Forgets fires and cursors; an active trigger counts as enabled from `now`. */
  async reset(ex: Db, id: string, nextFireAt: number | null, now: number): Promise<void> {
    await ex
      .updateTable('triggers')
      .set({ last_fire_at: null, state: '{}', next_fire_at: nextFireAt, enabled_at: now })
      .where('id', '=', id)
      .execute();
  },
};
