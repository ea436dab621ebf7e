import type { Cron } from 'croner';
import { compileCron } from './compile-cron.js';
import { nextCronFire } from './next-cron-fire.js';
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
 * The first scheduled time strictly after `after` (epoch ms), or null if there is none. Intervals fire at
 * `anchor + k·intervalSeconds` for k ≥ 1, so the series survives restarts when the anchor is persisted
 * (the scheduler passes the time the trigger was enabled).
 */
export function nextFireAfter(config: ScheduleConfig, after: number, anchor = 0): number | null {
  if (config.cron !== undefined) return nextCronFire(cronOf(config, config.cron), config.timezone, after);
  if (config.intervalSeconds === undefined) throw new TypeError('schedule config has neither cron nor intervalSeconds');
  const period = config.intervalSeconds * 1000;
  const k = after < anchor ? 1 : Math.floor((after - anchor) / period) + 1;
  return anchor + k * period;
}
