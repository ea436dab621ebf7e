import { fromJson } from '../../storage/json-column.js';
import { runRepo } from '../../storage/run-repo.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { waitForRun } from './wait-for-run.js';

/** Where a run stands after waiting for it: still going, succeeded with an output, or ended otherwise. */
export type RunResult =
  | { kind: 'running' }
  | { kind: 'succeeded'; output: unknown }
  | { kind: 'ended'; status: string; error: { code?: string; message?: string; step?: string } | null };

/**
 * Waits up to `timeoutMs` for the run (`result` response modes), then reads its output: the chosen step's,
 * or the run's (its last step's) when none is chosen.
 */
export async function awaitRunResult(deps: TriggerDeps, runId: string, options: { timeoutMs: number; step?: string | undefined }): Promise<RunResult> {
  const status = await waitForRun(deps, runId, options.timeoutMs);
  if (status === null) return { kind: 'running' };
  const run = await runRepo.get(deps.database.db, runId);
  if (status !== 'succeeded' || !run) return { kind: 'ended', status, error: fromJson(run?.error ?? null) };
  if (!options.step) return { kind: 'succeeded', output: fromJson(run.output) };
  const step = (await runRepo.steps(deps.database.db, runId)).find((row) => row.step_id === options.step);
  return { kind: 'succeeded', output: fromJson(step?.output ?? null) };
}
