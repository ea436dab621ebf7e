import { finishedRunStatuses } from '../../contracts/run.js';
import { runRepo } from '../../storage/run-repo.js';
import type { TriggerDeps } from '../trigger-deps.js';

const pollMs = 250;

/**
 * Resolves with the run's final status, or null after `timeoutMs`. Runs finished by this process are
 * seen through the engine's event at once; runs finished by another process through the poll.
 */
export function waitForRun(deps: TriggerDeps, runId: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearInterval(poll);
      deps.events.off('finished', onFinished);
      resolve(status);
    };
    const onFinished = (id: string, status: string) => {
      if (id === runId) done(status);
    };
    deps.events.on('finished', onFinished);
    const timeout = setTimeout(() => done(null), timeoutMs);
    const poll = setInterval(() => {
      runRepo.get(deps.database.db, runId).then(
        (run) => {
          if (run && finishedRunStatuses.includes(run.status)) done(run.status);
        },
        // A failed read (database restarting, or closed during shutdown) must not become an unhandled
        // rejection, which ends the process: try again on the next poll, and time out as usual.
        () => undefined,
      );
    }, pollMs);
  });
}
