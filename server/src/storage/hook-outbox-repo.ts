import type { Database, Db } from './database.js';
import { createId } from './create-id.js';
import { toJson } from './json-column.js';
import type { HookAttemptRow, HookDeliveryRow } from './tables.js';

/** Which subscriptions an event goes to. */
export interface HookEventFilter {
  /** The subscription events it matches (a run that succeeded matches `run.succeeded` and `run.finished`). */
  events: string[];
  recipeId: string;
  /** For `recipe.emitted`: subscriptions filtering on another name are left out. */
  emitName?: string;
}

/** One event for the subscriptions that want it. */
export interface HookEventToQueue {
  /** Unique per event (a run id, an emit step's idempotency key): queuing it again adds nothing. */
  eventKey: string;
  /** The JSON body sent, for a subscription's event type. */
  payload(event: string): unknown;
}

/** A claimed delivery with what sending it needs. */
export interface ClaimedHookDelivery extends HookDeliveryRow {
  target_url: string;
  secret: string;
}

export interface HookAttemptResult {
  attemptedAt: number;
  durationMs: number;
  httpStatus: number | null;
  error: string | null;
  /** `pending` with `nextAttemptAt` for another try; `succeeded` or `failed` ends the delivery. */
  status: 'pending' | 'succeeded' | 'failed';
  nextAttemptAt: number | null;
}

/**
 * The outbox of outgoing REST hooks. `queue` runs inside the transaction that records the event (the run's
 * end, the emit), so a delivery exists exactly when the event does; workers claim due rows with a lease.
 */
export const hookOutboxRepo = {
  /** The active subscriptions an event goes to. */
  matching(ex: Db, filter: HookEventFilter): Promise<{ id: string; event: string }[]> {
    let query = ex
      .selectFrom('hook_subscriptions')
      .select(['id', 'event'])
      .where('unsubscribed_at', 'is', null)
      .where('event', 'in', filter.events)
      .where((eb) => eb.or([eb('recipe_id', 'is', null), eb('recipe_id', '=', filter.recipeId)]));
    if (filter.emitName !== undefined) query = query.where((eb) => eb.or([eb('emit_name', 'is', null), eb('emit_name', '=', filter.emitName!)]));
    return query.execute();
  },

  /** Queues the event for these subscriptions; one already holding this event key keeps its delivery. */
  async queue(ex: Db, subscriptions: { id: string; event: string }[], event: HookEventToQueue, now: number): Promise<void> {
    if (subscriptions.length === 0) return;
    await ex
      .insertInto('hook_deliveries')
      .values(
        subscriptions.map((subscription) => ({
          id: createId('msg', now),
          subscription_id: subscription.id,
          event: subscription.event,
          event_key: event.eventKey,
          payload: toJson(event.payload(subscription.event)),
          status: 'pending',
          next_attempt_at: now,
          created_at: now,
          finished_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['subscription_id', 'event_key']).doNothing())
      .execute();
  },

  /** Leases up to `limit` due deliveries of active subscriptions (PostgreSQL: rows others hold are skipped). */
  async claim(database: Database, limit: number, leaseMs: number, now: number): Promise<ClaimedHookDelivery[]> {
    return database.write(async (trx) => {
      let due = trx
        .selectFrom('hook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where('lease_until', '<', now)
        .orderBy('next_attempt_at')
        .limit(limit);
      if (database.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((row) => row.id);
      if (ids.length === 0) return [];
      await trx.updateTable('hook_deliveries').set({ lease_until: now + leaseMs }).where('id', 'in', ids).execute();
      return trx
        .selectFrom('hook_deliveries as d')
        .innerJoin('hook_subscriptions as s', 's.id', 'd.subscription_id')
        .selectAll('d')
        .select(['s.target_url', 's.secret'])
        .where('d.id', 'in', ids)
        .execute();
    });
  },

  /** Records one attempt and where the delivery stands now. A delivery cancelled meanwhile stays cancelled. */
  async recordAttempt(ex: Db, deliveryId: string, result: HookAttemptResult): Promise<void> {
    const updated = await ex
      .updateTable('hook_deliveries')
      .set((eb) => ({
        status: result.status,
        attempts: eb('attempts', '+', 1),
        next_attempt_at: result.nextAttemptAt,
        lease_until: 0,
        finished_at: result.status === 'pending' ? null : result.attemptedAt,
      }))
      .where('id', '=', deliveryId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await ex
      .insertInto('hook_attempts')
      .values({
        id: createId('hatt', result.attemptedAt),
        delivery_id: deliveryId,
        attempted_at: result.attemptedAt,
        duration_ms: result.durationMs,
        http_status: result.httpStatus,
        error: result.error,
      })
      .execute();
  },

  /** Retention: finished deliveries (and their attempts) older than `before`; pending ones stay. */
  async deleteFinished(ex: Db, before: number, limit: number): Promise<number> {
    const oldest = ex.selectFrom('hook_deliveries').select('id').where('status', '!=', 'pending').where('created_at', '<', before).limit(limit);
    const result = await ex.deleteFrom('hook_deliveries').where('id', 'in', oldest).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** A subscription's newest deliveries, each with its attempts in order. */
  async recent(ex: Db, subscriptionId: string, limit: number): Promise<(HookDeliveryRow & { attemptRows: HookAttemptRow[] })[]> {
    const deliveries = await ex
      .selectFrom('hook_deliveries')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    if (deliveries.length === 0) return [];
    const attempts = await ex
      .selectFrom('hook_attempts')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        deliveries.map((delivery) => delivery.id),
      )
      .orderBy('attempted_at')
      .orderBy('id')
      .execute();
    return deliveries.map((delivery) => ({ ...delivery, attemptRows: attempts.filter((attempt) => attempt.delivery_id === delivery.id) }));
  },
};
