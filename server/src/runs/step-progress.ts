import type { StepProgress } from '../steps/define-step.js';
import { kvRepo } from '../storage/kv-repo.js';
import type { EngineDeps } from './engine-deps.js';

/** Progress of one step of one run, in `kv` under the run's own scope (never a recipe's `core/storage`). */
export function stepProgress(deps: Pick<EngineDeps, 'database' | 'now'>, runId: string, stepPath: string): StepProgress {
  const { database, now } = deps;
  const scope = `step-progress:${runId}`;
  return {
    load: () => kvRepo.get(database.db, scope, stepPath),
    save: (value) => database.write((trx) => kvRepo.set(trx, scope, stepPath, value, now())),
    clear: async () => {
      await database.write((trx) => kvRepo.delete(trx, scope, stepPath));
    },
  };
}
