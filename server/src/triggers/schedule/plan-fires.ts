import { latestFireBefore } from './latest-fire-before.js';
import { nextFireAfter } from './next-fire.js';
import type { ScheduleConfig } from './schedule-config.js';

/** How late a scheduled time may be picked up and still count as on time rather than missed. */
export const MISFIRE_GRACE_MS = 60_000;

export interface ScheduleState {
  /** The newest time already fired; persisted in the same transaction that enqueues its run. */
  lastFireAt: number | null;
  /** When the trigger was (re-)enabled: nothing before it is owed, and intervals count from it. */
  enabledAt: number;
}

export interface FirePlan {
  /** Scheduled times to start runs for now, ascending; persist the last one as `lastFireAt`. */
  fireAt: number[];
  /** The next scheduled time after `now`, when the scheduler should look again; null if none. */
  nextAt: number | null;
}

/**
 * Which scheduled times are due at `now` (epoch ms), applying the misfire policy to those more than
 * MISFIRE_GRACE_MS late: `skip` drops them, `run_once` fires only the latest of them. Times within the
 * grace window fire normally. Every returned time is after `lastFireAt`, so none can fire twice once the
 * caller persists it. Overlap is not decided here: the scheduler knows which runs are still active.
 */
export function planFires(config: ScheduleConfig, state: ScheduleState, now: number): FirePlan {
  const anchor = state.enabledAt;
  const from = Math.max(state.lastFireAt ?? anchor, anchor);
  const graceStart = now - MISFIRE_GRACE_MS;

  const fireAt: number[] = [];
  if (config.misfire === 'run_once') {
    const missed = latestFireBefore(config, anchor, from, graceStart);
    if (missed !== null) fireAt.push(missed);
  }
  let due = nextFireAfter(config, Math.max(from, graceStart - 1), anchor);
  while (due !== null && due <= now) {
    fireAt.push(due);
    due = nextFireAfter(config, due, anchor);
  }
  return { fireAt, nextAt: due };
}
