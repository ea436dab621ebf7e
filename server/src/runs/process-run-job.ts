import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { finishedRunStatuses } from '../contracts/run.js';
import { jobRepo } from '../storage/job-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { JobRow, RunRow } from '../storage/tables.js';
import type { EngineDeps } from './engine-deps.js';
import { finishRun, type RunEnd } from './finish-run.js';
import { RunWalker } from './run-walker.js';

/** Claims of one job without progress before we stop trying: each one was a crash or a lost lease. */
const maxClaimsWithoutProgress = 10;

/** Versions never change, so their parsed definitions are cached (bounded). */
const definitions = new Map<string, RecipeDefinition>();

async function definitionFor(deps: EngineDeps, versionId: string): Promise<RecipeDefinition | null> {
  const cached = definitions.get(versionId);
  if (cached) return cached;
  const version = await recipeRepo.version(deps.database.db, versionId);
  if (!version) return null;
  const definition = recipeRepo.definitionOf(version);
  if (definitions.size >= 1000) definitions.delete(definitions.keys().next().value!);
  definitions.set(versionId, definition);
  return definition;
}

export type JobResult = 'finished' | 'parked' | 'deferred';

/**
 * Drives one `run` job: walk the run, then commit its end. `maxConcurrency` of the recipe is checked
 * through `admit`; a run over the limit is put back a moment later.
 */
export async function processRunJob(
  deps: EngineDeps,
  job: JobRow,
  /** The job's run as read right after the claim (the worker reads a claimed batch's runs at once). */
  run: RunRow | undefined,
  admit: (recipeId: string, limit: number | undefined) => (() => void) | null,
  stop?: AbortSignal,
): Promise<JobResult> {
  if (!run || finishedRunStatuses.includes(run.status)) {
    await deps.database.write((trx) => jobRepo.complete(trx, job.id));
    return 'finished';
  }
  const definition = await definitionFor(deps, run.version_id);
  if (!definition) return end(deps, run, job, { status: 'failed', output: null, error: { code: 'VERSION_MISSING', message: `recipe version ${run.version_id} no longer exists` } }, []);
  if (job.attempts > maxClaimsWithoutProgress) {
    return end(deps, run, job, { status: 'failed', output: null, error: { code: 'ENGINE_GAVE_UP', message: `the run was picked up ${job.attempts} times without finishing (the server stopped during it each time)` } }, []);
  }
  const release = admit(run.recipe_id, definition.settings?.maxConcurrency);
  if (!release) {
    await deps.database.write((trx) => jobRepo.reschedule(trx, job.id, deps.now() + 250));
    return 'deferred';
  }
  try {
    // A fresh run has nothing recorded yet; skip the read on the hot path.
    const fresh = run.status === 'queued' && job.attempts <= 1 && run.replay_of === null;
    const recorded = fresh ? [] : await runRepo.steps(deps.database.db, run.id);
    const walker = new RunWalker(deps, run, job, definition, new Map(recorded.map((row) => [row.path, row])), stop);
    const flow = await walker.walk();
    if (flow.kind === 'park') return 'parked';
    const runEnd: RunEnd =
      flow.kind === 'fail'
        ? { status: 'failed', output: null, error: flow.error }
        : { status: 'succeeded', output: walker.lastOutput, error: null };
    return end(deps, run, job, runEnd, walker.skippedRows);
  } finally {
    release();
  }
}

async function end(deps: EngineDeps, run: RunRow, job: JobRow, runEnd: RunEnd, skipped: Parameters<typeof finishRun>[4]): Promise<JobResult> {
  const status = await deps.database.write((trx) =>
    finishRun(trx, run, job.id, runEnd, skipped, { now: deps.now(), publicUrl: deps.publicUrl, runTimeoutMs: deps.runTimeoutMs }),
  );
  deps.events.emit('finished', run.id, status);
  return 'finished';
}
