import { createId } from '../../storage/create-id.js';
import type { TriggerDeps } from '../trigger-deps.js';

/**
 * `core/manual`, and "run now" for any recipe: a person starts a run from the UI, API or CLI; the JSON
 * input becomes the trigger's body, so `{{trigger.body.x}}` means the same as for a webhook.
 */
export async function startManualRun(
  deps: TriggerDeps,
  input: { recipeId: string; versionId: string; body: unknown; actor: string | null },
): Promise<string> {
  const now = deps.now();
  const result = await deps.deliveries.enqueue({
    source: `manual:${input.recipeId}`,
    dedupeKey: createId('man', now),
    run: {
      recipeId: input.recipeId,
      versionId: input.versionId,
      triggerKind: 'core/manual',
      event: { body: input.body, startedBy: input.actor },
      deadlineAt: now + deps.runTimeoutMs,
    },
  });
  deps.onEnqueued();
  return result.runId!;
}
