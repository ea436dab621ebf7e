import { createId } from '../../storage/create-id.js';
import type { TriggerDeps } from '../trigger-deps.js';

/** Triggers a recipe may have to be invoked by the API: their event is a JSON body someone sends. */
export const invocableTriggers: readonly string[] = ['core/manual', 'core/webhook'];

/**
 * `POST /recipes/:id/invoke`: a run of the published version with the JSON input as the trigger's body,
 * shaped like a webhook delivery (`{{trigger.body.x}}`, `{{trigger.headers}}` empty) so a recipe behind
 * core/webhook or core/manual reads it the same way. The same idempotency key for a recipe gives the same run:
 * the inbox is unique on (source, key), written in the commit that creates the run.
 */
export async function startInvokedRun(
  deps: TriggerDeps,
  input: { recipeId: string; versionId: string; triggerKind: string; body: unknown; actor: string | null; idempotencyKey?: string | undefined },
): Promise<{ runId: string | null; duplicate: boolean }> {
  const now = deps.now();
  const result = await deps.deliveries.enqueue({
    source: `invoke:${input.recipeId}`,
    dedupeKey: input.idempotencyKey === undefined ? createId('inv', now) : `key:${input.idempotencyKey}`,
    run: {
      recipeId: input.recipeId,
      versionId: input.versionId,
      triggerKind: input.triggerKind,
      event: { method: 'POST', headers: {}, query: {}, body: input.body, startedBy: input.actor },
      deadlineAt: now + deps.runTimeoutMs,
    },
  });
  if (!result.duplicate) deps.onEnqueued();
  return { runId: result.runId, duplicate: result.duplicate };
}
