import type { LiveTrigger } from '../contracts/recipe.js';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import type { Trx } from '../storage/database.js';
import { fromJson, toJson } from '../storage/json-column.js';
import type { TriggerRow } from '../storage/tables.js';
import { triggerItemRepo } from '../storage/trigger-item-repo.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import type { PackTriggerConfig } from './pack-trigger-call.js';
import type { PackActivation } from './pack-trigger-lifecycle.js';
import { nextFireAfter } from './schedule/next-fire.js';
import { scheduleConfigSchema } from './schedule/schedule-config.js';

/**
 * Publishing: point the recipe's trigger at the version and switch it on, in the publish transaction. A
 * pack trigger comes `prepared` (`packTriggerLifecycle.prepare`, vendor calls done before the transaction).
 */
export async function activateTrigger(
  trx: Trx,
  input: { recipeId: string; versionId: string; definition: RecipeDefinition; now: number; prepared?: PackActivation | undefined },
): Promise<TriggerRow> {
  const { trigger } = input.definition;
  const { prepared } = input;
  let nextFireAt: number | null = prepared?.nextFireAt ?? null;
  if (trigger.use === 'core/schedule') {
    nextFireAt = nextFireAfter(scheduleConfigSchema.parse(trigger.input ?? {}), input.now, input.now);
  }
  const row = await triggerRepo.activate(trx, {
    recipeId: input.recipeId,
    versionId: input.versionId,
    kind: trigger.use,
    config: prepared ? { ...trigger, packKind: prepared.kind } : trigger,
    nextFireAt,
    now: input.now,
    webhookToken: prepared?.webhookToken,
  });
  if (!prepared) return row;
  // After the row is written: a new trigger's id is made there, and the state's secrets are sealed for it.
  const state = prepared.stateFor(row.id);
  await triggerRepo.setState(trx, row.id, state);
  if (prepared.forgetItems) await triggerItemRepo.clear(trx, row.id);
  return { ...row, state: toJson(state) };
}

/** What a user needs to know about a live trigger: where to send webhooks, when it fires next. */
export function describeTrigger(row: TriggerRow | undefined, publicUrl: string): LiveTrigger | null {
  if (!row || row.active !== 1) return null;
  return {
    id: row.id,
    kind: row.kind,
    ...(hasWebhookUrl(row) && { webhookUrl: `${publicUrl}/hooks/${row.webhook_token}` }),
    ...(row.kind === 'core/schedule' && { nextFireAt: row.next_fire_at }),
  };
}

/**
 * Triggers a vendor calls: `core/webhook`, and pack triggers of kind webhook or subscription (whose
 * state holds the subscription, or that listen for a handshake). Poll triggers have neither, so no URL.
 */
export function hasWebhookUrl(row: TriggerRow): boolean {
  if (row.kind === 'core/webhook') return true;
  if (row.kind.startsWith('core/')) return false;
  return fromJson<PackTriggerConfig>(row.config)?.packKind !== 'poll';
}
