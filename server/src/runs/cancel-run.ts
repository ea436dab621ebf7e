import type { Trx } from '../storage/database.js';
import { jobRepo } from '../storage/job-repo.js';
import { runRepo } from '../storage/run-repo.js';
import { resolveParentStep } from './finish-run.js';

const cancelledError = { code: 'RUN_CANCELLED', message: 'the run was cancelled' };

/**
 * Cancels a run that has not ended, with everything hanging off it: its job, its open steps, the runs it
 * called (a cancelled caller has nobody to hand their result to), and the step of the run that called
 * it (which must not wait for a result that will never come). Returns false if the run had already ended.
 */
export async function cancelRun(trx: Trx, runId: string, now: number): Promise<boolean> {
  const run = await runRepo.get(trx, runId);
  if (!run || !(await runRepo.cancel(trx, runId, now))) return false;
  await jobRepo.deleteForRun(trx, runId);
  await runRepo.closeOpenSteps(trx, runId, cancelledError, now);
  for (const child of await runRepo.unfinishedChildren(trx, runId)) await cancelRun(trx, child, now);
  if (run.parent_run_id && run.parent_step_path) await resolveParentStep(trx, run, { status: 'cancelled', output: null, error: null }, now);
  return true;
}
