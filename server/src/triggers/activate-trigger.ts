import type { LiveTrigger } from '../contracts/recipe.js';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import type { Trx } from '../storage/database.js';
import type { TriggerRow } from '../storage/tables.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { nextFireAfter } from './schedule/next-fire.js';
import { scheduleConfigSchema } from './schedule/schedule-config.js';

/** Publishing: point the recipe's trigger at the version and switch it on, in the publish transaction. */
export async function activateTrigger(
  trx: Trx,
  input: { recipeId: string; versionId: string; definition: RecipeDefinition; now: number },
): Promise<TriggerRow> {
  const { trigger } = input.definition;
  let nextFireAt: number | null = null;
  if (trigger.use === 'core/schedule') {
    nextFireAt = nextFireAfter(scheduleConfigSchema.parse(trigger.input ?? {}), input.now, input.now);
  }
  return triggerRepo.activate(trx, {
    recipeId: input.recipeId,
    versionId: input.versionId,
    kind: trigger.use,
    config: trigger,
    nextFireAt,
    now: input.now,
  });
}

/** What a user needs to know about a live trigger: where to send webhooks, when it fires next. */
export function describeTrigger(row: TriggerRow | undefined, publicUrl: string): LiveTrigger | null {
  if (!row || row.active !== 1) return null;
  return {
    id: row.id,
    kind: row.kind,
    ...(row.kind === 'core/webhook' && { webhookUrl: `${publicUrl}/hooks/${row.webhook_token}` }),
    ...(row.kind === 'core/schedule' && { nextFireAt: row.next_fire_at }),
  };
}
