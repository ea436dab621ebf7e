import type { Trx } from '../storage/database.js';
import { hookOutboxRepo } from '../storage/hook-outbox-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import type { RunRow } from '../storage/tables.js';
import type { EngineDeps } from './engine-deps.js';
import type { RunEnd } from './finish-run.js';

/**
 * Queues `run.succeeded` / `run.failed` and `run.finished` for outgoing REST hook subscribers, in the
 * transaction that ends the run. The body follows Standard Webhooks: `{ type, timestamp, data }`.
 */
export async function queueRunHookEvents(trx: Trx, run: RunRow, end: RunEnd, context: { now: number; publicUrl: string }): Promise<void> {
  if (end.status === 'cancelled') return;
  const subscriptions = await hookOutboxRepo.matching(trx, { events: [`run.${end.status}`, 'run.finished'], recipeId: run.recipe_id });
  if (subscriptions.length === 0) return;
  const recipe = await recipeRepo.get(trx, run.recipe_id);
  const data = {
    run: { id: run.id, status: end.status, url: `${context.publicUrl}/runs/${run.id}`, startedAt: run.started_at, finishedAt: context.now },
    recipe: { id: run.recipe_id, name: recipe?.name ?? null },
    output: end.status === 'succeeded' ? (end.output ?? null) : null,
    error: end.error,
  };
  const timestamp = new Date(context.now).toISOString();
  await hookOutboxRepo.queue(trx, subscriptions, { eventKey: `run:${run.id}`, payload: (type) => ({ type, timestamp, data }) }, context.now);
}

/** Queues a `core/emit` event; resolves with how many subscriptions it is queued for. */
export async function queueEmittedHookEvent(
  trx: Trx,
  event: { recipeId: string; runId: string; eventKey: string; name: string; payload: unknown },
  now: number,
): Promise<number> {
  const subscriptions = await hookOutboxRepo.matching(trx, { events: ['recipe.emitted'], recipeId: event.recipeId, emitName: event.name });
  const timestamp = new Date(now).toISOString();
  const data = { name: event.name, payload: event.payload, recipe: { id: event.recipeId }, run: { id: event.runId } };
  await hookOutboxRepo.queue(trx, subscriptions, { eventKey: `emit:${event.eventKey}`, payload: (type) => ({ type, timestamp, data }) }, now);
  return subscriptions.length;
}

/** What `core/emit` calls: one commit per emit, then deliverers in this process are woken. */
export function hookEmitter(deps: Pick<EngineDeps, 'database' | 'now' | 'events'>, ids: { recipeId: string; runId: string; eventKey: string }) {
  return async (name: string, payload: unknown): Promise<number> => {
    const queued = await deps.database.write((trx) => queueEmittedHookEvent(trx, { ...ids, name, payload }, deps.now()));
    if (queued > 0) deps.events.emit('hooks-queued');
    return queued;
  };
}
