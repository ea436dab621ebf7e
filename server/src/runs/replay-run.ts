import type { RecipeDefinition, StepDefinitionJson } from '../contracts/recipe-definition.js';
import type { ReplayPreview, ReplayRequest } from '../contracts/run.js';
import type { PackRegistry } from '../registry/pack-registry.js';
import { structuralSteps } from '../steps/core-steps.js';
import type { Database } from '../storage/database.js';
import { fromJson } from '../storage/json-column.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { RunRow, RunStepRow } from '../storage/tables.js';
import { stepSideEffect } from './find-step.js';
import { idempotencyKey } from './idempotency-key.js';

export type ReplayPlan =
  | { ok: true; preview: ReplayPreview; reuse: RunStepRow[] }
  | { ok: false; code: 'REPLAY_TARGET_UNKNOWN' | 'NOTHING_FAILED' | 'VERSION_MISSING'; message: string };

interface FlatStep {
  step: StepDefinitionJson;
  /** Ids of the loops/paths that contain this step. */
  ancestors: string[];
}

/** Every step of a definition in the order a run meets them. */
function flatten(steps: StepDefinitionJson[], ancestors: string[] = []): FlatStep[] {
  return steps.flatMap((step) => {
    const inner = [...ancestors, step.id];
    const children = [
      ...(step.steps ?? []),
      ...(step.paths ?? []).flatMap((branch) => branch.steps),
      ...(typeof step.onError === 'object' ? step.onError.steps : []),
    ];
    return [{ step, ancestors }, ...flatten(children, inner)];
  });
}

/**
 * Which recorded outputs a replay reuses and which steps run again. Everything before the chosen step
 * is reused if it succeeded and still exists in the chosen version; the chosen step and everything
 * after it run again, and the preview lists the side-effecting ones so nobody is surprised.
 */
export async function planReplay(database: Database, run: RunRow, request: ReplayRequest, registry: PackRegistry): Promise<ReplayPlan> {
  const recipe = await recipeRepo.get(database.db, run.recipe_id);
  const versionId = request.version === 'latest' && recipe ? (recipe.published_version_id ?? recipe.latest_version_id) : run.version_id;
  const version = await recipeRepo.version(database.db, versionId);
  if (!version) return { ok: false, code: 'VERSION_MISSING', message: `recipe version ${versionId} no longer exists` };
  const definition: RecipeDefinition = recipeRepo.definitionOf(version);
  const flat = flatten(definition.steps);
  const rows = await runRepo.steps(database.db, run.id);

  let targetId: string | null = null;
  if (request.from === 'failed') {
    const failed = rows.find((row) => row.status === 'failed' && !(structuralSteps as readonly string[]).includes(row.use));
    if (!failed) return { ok: false, code: 'NOTHING_FAILED', message: 'this run has no failed step to replay from' };
    targetId = failed.step_id;
  } else if (typeof request.from === 'object') {
    const wanted = request.from.step;
    const row = rows.find((r) => r.path === wanted || r.step_id === wanted);
    targetId = row?.step_id ?? (flat.some((f) => f.step.id === wanted) ? wanted : null);
    if (targetId === null) return { ok: false, code: 'REPLAY_TARGET_UNKNOWN', message: `no step "${wanted}" in this recipe version` };
  }

  const targetIndex = targetId === null ? 0 : flat.findIndex((f) => f.step.id === targetId);
  if (targetIndex < 0) return { ok: false, code: 'REPLAY_TARGET_UNKNOWN', message: `step "${targetId}" is not in the chosen version` };
  const before = new Set(flat.slice(0, targetIndex).map((f) => f.step.id));
  const enclosing = new Set(flat[targetIndex]?.ancestors ?? []);
  const reuse = rows.filter((row) => row.status === 'succeeded' && before.has(row.step_id) && !enclosing.has(row.step_id));
  const reusedIds = new Set(reuse.map((row) => row.step_id));
  const rerun = flat.filter((f) => !reusedIds.has(f.step.id)).map((f) => f.step);
  const sideEffects = [];
  for (const step of rerun) if (await stepSideEffect(step.use, registry)) sideEffects.push(step.id);
  return {
    ok: true,
    reuse,
    preview: {
      reused: reuse.map((row) => row.path),
      rerun: rerun.map((step) => step.id),
      sideEffectsRerun: sideEffects,
      versionId,
    },
  };
}

/** Starts the replay: a new run (linked to the original) that already holds the reused outputs. */
export async function startReplay(database: Database, run: RunRow, plan: Extract<ReplayPlan, { ok: true }>, now: number, runTimeoutMs: number): Promise<string> {
  return database.write(async (trx) => {
    const [runId] = await runRepo.createMany(
      trx,
      [{ recipeId: run.recipe_id, versionId: plan.preview.versionId, triggerKind: run.trigger_kind, event: fromJson(run.trigger_event), deadlineAt: now + runTimeoutMs, replayOf: run.id }],
      now,
    );
    await runRepo.copySteps(
      trx,
      plan.reuse.map((row) => ({ ...row, run_id: runId!, idempotency_key: idempotencyKey(runId!, row.path) })),
    );
    return runId!;
  });
}
