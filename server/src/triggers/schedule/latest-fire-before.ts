import { nextFireAfter } from './next-fire.js';
import type { ScheduleConfig } from './schedule-config.js';

/**
 * The latest scheduled time t with `after < t < before`, or null. Croner only searches forwards (its
 * `previousRuns` is unreliable across DST), so this looks back from `before` in doubling windows: a long
 * downtime costs a few dozen lookups instead of one per missed tick.
 */
export function latestFireBefore(config: ScheduleConfig, anchor: number, after: number, before: number): number | null {
  for (let span = 1000; ; span *= 2) {
    const start = Math.max(after, before - span);
    let fire = nextFireAfter(config, start, anchor);
    if (fire !== null && fire < before) {
      let latest = fire;
      while ((fire = nextFireAfter(config, fire, anchor)) !== null && fire < before) latest = fire;
      return latest;
    }
    if (start === after) return null;
  }
}
