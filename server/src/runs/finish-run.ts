import type { StepErrorJson } from '../contracts/run.js';
import type { Trx } from '../storage/database.js';
import { inboxRepo } from '../storage/inbox-repo.js';
import { fromJson, toJson } from '../storage/json-column.js';
import { jobRepo } from '../storage/job-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { RunRow, RunStepRow } from '../storage/tables.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { queueRunHookEvents } from './queue-hook-events.js';

export interface RunEnd {
  status: 'succeeded' | 'failed' | 'cancelled';
  output: unknown;
  error: (StepErrorJson & { step?: string }) | null;
}

/**
 * The run's last commit: its status, the skipped steps, the job removed, the parent run (sub-recipe)
 * told, error-handler recipes started and outgoing REST hooks queued, all in one transaction so none can be lost or doubled.
 * Resolves with the status the run ended with, which is `cancelled` if it was cancelled meanwhile.
 */
export async function finishRun(
  trx: Trx,
  run: RunRow,
  jobId: string,
  end: RunEnd,
  skipped: RunStepRow[],
  context: { now: number; publicUrl: string; runTimeoutMs: number },
): Promise<RunEnd['status']> {
  const { now } = context;
  const ended = await runRepo.setStatus(trx, run.id, {
    status: end.status,
    startedAt: now,
    finishedAt: now,
    output: end.output,
    ...(end.error && { error: end.error }),
  });
  if (!ended) {
    // Cancelled while a worker was walking it: the cancellation stands.
    await jobRepo.complete(trx, jobId);
    return 'cancelled';
  }
  await runRepo.copySteps(trx, skipped);
  // A run that timed out leaves a retrying or parked step behind; it ends with the run.
  if (end.status === 'failed' && end.error) await runRepo.closeOpenSteps(trx, run.id, { code: end.error.code, message: end.error.message }, now);
  await jobRepo.complete(trx, jobId);
  if (run.parent_run_id && run.parent_step_path) await resolveParentStep(trx, run, end, now);
  // Only top-level runs alert: a called recipe's failure reaches its caller, which alerts if it fails in turn;
  // and error handlers never alert about themselves, so a failing handler cannot start itself again.
  if (end.status === 'failed' && run.trigger_kind !== 'core/recipe-failed' && run.parent_run_id === null) {
    await startErrorHandlers(trx, run, end, context);
  }
  await queueRunHookEvents(trx, run, end, context);
  return end.status;
}

/** Hands a called run's end to the `core/sub-recipe` step waiting for it, and wakes the caller. */
export async function resolveParentStep(trx: Trx, run: RunRow, end: RunEnd, now: number): Promise<void> {
  const step = await runRepo.step(trx, run.parent_run_id!, run.parent_step_path!);
  if (!step || step.status !== 'waiting') return;
  const output = { runId: run.id, status: end.status, output: end.output };
  const settled = await runRepo.settleWaitingStep(trx, {
    ...step,
    status: end.status === 'succeeded' ? 'succeeded' : 'failed',
    output: toJson(output),
    error: end.status === 'succeeded' ? null : toJson({ code: 'SUB_RECIPE_FAILED', message: end.error?.message ?? `the called recipe ${end.status}`, retryable: false }),
    finished_at: now,
    next_attempt_at: null,
  });
  if (settled) await jobRepo.wakeRun(trx, run.parent_run_id!, now);
}

async function startErrorHandlers(trx: Trx, run: RunRow, end: RunEnd, context: { now: number; publicUrl: string; runTimeoutMs: number }) {
  const handlers = await triggerRepo.activeOfKind(trx, 'core/recipe-failed');
  if (handlers.length === 0) return;
  const recipe = await recipeRepo.get(trx, run.recipe_id);
  const event = {
    body: {
      kind: 'run_failed',
      recipe: { id: run.recipe_id, name: recipe?.name ?? null },
      run: { id: run.id, url: `${context.publicUrl}/runs/${run.id}`, trigger: fromJson(run.trigger_event) },
      error: end.error,
      failedAt: context.now,
    },
  };
  const deliveries = handlers
    .filter((handler) => handler.recipe_id !== run.recipe_id && handler.version_id !== null)
    .filter((handler) => {
      const only = fromJson<{ input?: { recipes?: string[] } }>(handler.config)?.input?.recipes;
      return !only || only.length === 0 || only.includes(run.recipe_id);
    })
    .map((handler) => ({
      source: handler.id,
      dedupeKey: `failed:${run.id}`,
      run: { recipeId: handler.recipe_id, versionId: handler.version_id!, triggerKind: 'core/recipe-failed', event, deadlineAt: context.now + context.runTimeoutMs },
    }));
  if (deliveries.length > 0) await inboxRepo.ingest(trx, deliveries, context.now);
}
