import type { Cron } from 'croner';
import { compileCron } from './compile-cron.js';
import type { ScheduleConfig } from './schedule-config.js';

// Parsing a pattern allocates croner's lookup tables; a config is planned many times, so parse it once.
const compiled = new WeakMap<ScheduleConfig, Cron>();

function cronOf(config: ScheduleConfig, pattern: string): Cron {
  let cron = compiled.get(config);
  if (cron === undefined) {
    cron = compileCron(pattern, config.timezone);
    compiled.set(config, cron);
  }
  return cron;
}

/**
 * Croner works in wall-clock time and maps a wall time that occurs twice (the hour repeated when clocks
 * go back) to its first occurrence. Asked from inside the repeated hour, it can therefore answer with
 * an instant at or before `after`; stepping on from each such answer walks the wall clock forward until
 * it leaves the repeated hour, matching croner's own rule that every wall time fires once.
 */
function nextCronFire(cron: Cron, after: number): number | null {
  let previous = Number.NEGATIVE_INFINITY;
  let probe = after;
  for (;;) {
    const next = cron.nextRun(new Date(probe))?.getTime() ?? null;
    if (next === null || next > after) return next;
    // Each step must move forward; if croner ever stopped doing so, "no next time" beats a hung scheduler.
    if (next <= previous) return null;
    previous = probe = next;
  }
}

/**
 * The first scheduled time strictly after `after` (epoch ms), or null if there is none. Intervals fire at
 * `anchor + k·intervalSeconds` for k ≥ 1, so the series survives restarts when the anchor is persisted
 * (the scheduler passes the time the trigger was enabled).
 */
export function nextFireAfter(config: ScheduleConfig, after: number, anchor = 0): number | null {
  if (config.cron !== undefined) return nextCronFire(cronOf(config, config.cron), after);
  if (config.intervalSeconds === undefined) throw new TypeError('schedule config has neither cron nor intervalSeconds');
  const period = config.intervalSeconds * 1000;
  const k = after < anchor ? 1 : Math.floor((after - anchor) / period) + 1;
  return anchor + k * period;
}
