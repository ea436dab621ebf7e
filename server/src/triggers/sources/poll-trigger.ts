import type { PackTrigger } from '@switchyard/connectors';
import { readBodyPath } from '../../connections/read-body-path.js';
import type { ResolvedTrigger } from '../../registry/pack-registry.js';
import type { Delivery } from '../../storage/inbox-repo.js';
import { fromJson } from '../../storage/json-column.js';
import type { TriggerRow } from '../../storage/tables.js';
import { triggerItemRepo } from '../../storage/trigger-item-repo.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { packTriggerCall, packTriggerInput, type PackTriggerConfig } from '../pack-trigger-call.js';
import type { PackTriggerServices } from '../pack-trigger-services.js';
import { readPackTriggerState } from '../pack-trigger-state.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { pollItemPaths } from './poll-item-paths.js';
import { planPoll, pollItemKey, requestCursorValue, startingCursor } from './poll-plan.js';

export type PollTrigger = Extract<PackTrigger, { kind: 'poll' }>;

/** The trigger changed (reset, unpublished, republished) while its poll was in flight; the poll is dropped. */
export class PollSupersededError extends Error {}

/** Next poll: the interval plus up to a tenth of it, so triggers published together drift apart. */
export function nextPollAt(trigger: { intervalSeconds: number }, now: number): number {
  const interval = trigger.intervalSeconds * 1000;
  return now + interval + Math.floor(Math.random() * (interval / 10));
}

/**
 * One poll (Zapier's contract). Fetches (with the cursor and pagination), then commits the runs of new
 * items, their ids and the new cursor in ONE transaction through the delivery queue. The first poll only
 * seeds. A crash between fetch and commit stores nothing, so the next poll sees the same items as new;
 * inbox keys are the item ids, so two pollers racing still start one run per item.
 */
export async function pollTrigger(
  deps: TriggerDeps,
  packs: PackTriggerServices,
  row: TriggerRow,
  resolved: ResolvedTrigger & { trigger: PollTrigger },
): Promise<{ fired: number; seeded: boolean }> {
  const now = deps.now();
  const spec = resolved.trigger;
  const config = fromJson<PackTriggerConfig>(row.config)!;
  const state = readPackTriggerState(fromJson(row.state));
  const cursor = startingCursor(spec.cursor, state, now);
  const request = spec.cursor?.param
    ? { ...spec.request, query: { ...spec.request.query, [spec.cursor.param]: '{{poll.cursor}}' } }
    : spec.request;
  const call = await packTriggerCall(packs, resolved, config, request, { poll: { cursor: requestCursorValue(spec.cursor, cursor?.value) } });
  const listed = spec.pagination
    ? (await packs.vendor.sendPaginated(call, spec.pagination)).items
    : readBodyPath((await packs.vendor.send(call)).body, spec.items);
  const items = listed === undefined && spec.omitsEmptyItems ? [] : listed;
  if (!Array.isArray(items)) throw new Error(`the vendor's answer has no list at "${spec.items}"`);

  const paths = pollItemPaths(spec, packTriggerInput(spec, config.input));
  const keys = items.flatMap((item) => pollItemKey(item, paths) ?? []);
  const plan = planPoll(items, paths, { ...state, cursor }, await triggerItemRepo.seen(deps.database.db, row.id, keys));
  if (plan.withoutId > 0) deps.log.warn({ trigger: row.id, count: plan.withoutId }, `poll items without an id at "${spec.id}" are ignored`);
  const seeding = state.seeded !== true;
  const fresh = seeding ? [] : await fetchEach(packs, resolved, config, plan.fresh);
  const deliveries: Delivery[] = fresh.map(({ key, item }) => ({
    source: row.id,
    dedupeKey: `item:${key}`,
    run: { recipeId: row.recipe_id, versionId: row.version_id!, triggerKind: row.kind, event: item, deadlineAt: now + deps.runTimeoutMs },
  }));
  const next = { ...state, seeded: true, cursor: plan.cursor ?? cursor, lastPollAt: now, lastError: null };
  const results = await deps.deliveries.enqueueAll(deliveries, async (trx) => {
    const current = await triggerRepo.byId(trx, row.id);
    if (!current || current.active !== 1 || current.version_id !== row.version_id || current.state !== row.state) {
      throw new PollSupersededError(`trigger ${row.id} changed during its poll`);
    }
    await triggerItemRepo.add(trx, row.id, plan.keys, now);
    await triggerRepo.setState(trx, row.id, next, nextPollAt(spec, now));
  });
  const fired = results.filter((result) => !result.duplicate).length;
  if (fired > 0) deps.onEnqueued();
  return { fired, seeded: seeding };
}

/**
 * The full item for each one that fires, for vendors whose list holds ids only (`fetchEach`), one call at
 * a time and oldest first; any failure fails the poll before its commit, so those items stay new.
 */
async function fetchEach(
  packs: PackTriggerServices,
  resolved: ResolvedTrigger & { trigger: PollTrigger },
  config: PackTriggerConfig,
  fresh: { key: string; item: unknown }[],
): Promise<{ key: string; item: unknown }[]> {
  const each = resolved.trigger.fetchEach;
  if (!each) return fresh;
  const full: { key: string; item: unknown }[] = [];
  for (const { key, item } of fresh) {
    const call = await packTriggerCall(packs, resolved, config, each.request, { item });
    full.push({ key, item: readBodyPath((await packs.vendor.send(call)).body, each.output) ?? null });
  }
  return full;
}
