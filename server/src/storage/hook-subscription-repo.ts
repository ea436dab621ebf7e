import { createId } from './create-id.js';
import type { Db } from './database.js';
import type { HookSubscriptionRow } from './tables.js';

export interface NewHookSubscription {
  targetUrl: string;
  event: string;
  recipeId: string | null;
  emitName: string | null;
  createdBy: string | null;
}

/** Outgoing REST hook subscriptions. The secret is sealed by the caller (`seal` gets the new row's id as context). */
export const hookSubscriptionRepo = {
  async create(ex: Db, subscription: NewHookSubscription, seal: (id: string) => string, now: number): Promise<HookSubscriptionRow> {
    const id = createId('hsub', now);
    const row: HookSubscriptionRow = {
      id,
      target_url: subscription.targetUrl,
      event: subscription.event,
      recipe_id: subscription.recipeId,
      emit_name: subscription.emitName,
      secret: seal(id),
      created_by: subscription.createdBy,
      created_at: now,
      unsubscribed_at: null,
    };
    await ex.insertInto('hook_subscriptions').values(row).execute();
    return row;
  },

  list(ex: Db): Promise<HookSubscriptionRow[]> {
    return ex.selectFrom('hook_subscriptions').selectAll().orderBy('id', 'desc').execute();
  },

  get(ex: Db, id: string): Promise<HookSubscriptionRow | undefined> {
    return ex.selectFrom('hook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Deletes with its deliveries and attempts (cascade); false when there was none. */
  async remove(ex: Db, id: string): Promise<boolean> {
    const result = await ex.deleteFrom('hook_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** Zapier's unsubscribe may name the target URL instead of the id: every subscription of it goes. */
  async removeByTarget(ex: Db, targetUrl: string): Promise<number> {
    const result = await ex.deleteFrom('hook_subscriptions').where('target_url', '=', targetUrl).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** The target answered 410 Gone: no new events, and what was still queued for it is cancelled. */
  async unsubscribe(ex: Db, id: string, now: number): Promise<void> {
    await ex.updateTable('hook_subscriptions').set({ unsubscribed_at: now }).where('id', '=', id).where('unsubscribed_at', 'is', null).execute();
    await ex
      .updateTable('hook_deliveries')
      .set({ status: 'cancelled', next_attempt_at: null, finished_at: now, lease_until: 0 })
      .where('subscription_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  },
};
