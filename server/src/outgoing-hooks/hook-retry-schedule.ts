const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * The Standard Webhooks retry schedule: the first attempt at once, then these waits after each failure
 * (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): eight attempts over about 27.5 hours.
 */
export const hookRetryDelaysMs: readonly number[] = [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour];

/** When to try again after `attempts` failed attempts, or null when the schedule is used up. */
export function nextHookAttemptAt(attempts: number, now: number): number | null {
  const delay = hookRetryDelaysMs[attempts - 1];
  return delay === undefined ? null : now + delay;
}
