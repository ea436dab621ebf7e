import { dayMs } from '../storage/health-repo.js';

/** Days of history a trigger's usual rate is taken from. */
export const baselineDays = 14;
/** Fewer events than this in the baseline is too little to call a quiet spell unusual. */
const minimumBaselineEvents = 20;
const hourMs = 3_600_000;

export interface SilenceInput {
  /** Events per day for the full days before today, oldest first (at most `baselineDays`). */
  dailyEvents: number[];
  /** The newest accepted delivery, or null when none is on record. */
  lastEventAt: number | null;
  /** When the trigger went live: a quiet spell is counted from here when it has never received anything. */
  activeSince: number;
  now: number;
}

export type SilenceVerdict =
  | { judged: false; reason: string }
  | { judged: true; silent: boolean; usualPerDay: number; quietForMs: number; thresholdMs: number };

/**
 * Whether a webhook trigger has gone quiet compared with its usual rate. The threshold is the largest of:
 * four usual gaps between events (a Poisson stream goes that long without an event about 2% of the time),
 * one hour, and the longest run of empty days in the baseline plus one day, so a trigger that is always
 * quiet at weekends is not flagged every Saturday.
 */
export function detectSilence(input: SilenceInput): SilenceVerdict {
  const days = input.dailyEvents.slice(-baselineDays);
  const total = days.reduce((sum, count) => sum + count, 0);
  if (days.length < 3) return { judged: false, reason: 'live for less than three full days' };
  if (total < minimumBaselineEvents) return { judged: false, reason: `only ${total} events in the last ${days.length} days` };
  const usualPerDay = total / days.length;
  let longestEmpty = 0;
  let empty = 0;
  for (const count of days) {
    empty = count === 0 ? empty + 1 : 0;
    longestEmpty = Math.max(longestEmpty, empty);
  }
  const thresholdMs = Math.max((4 * dayMs) / usualPerDay, hourMs, longestEmpty > 0 ? (longestEmpty + 1) * dayMs : 0);
  const quietForMs = Math.max(0, input.now - (input.lastEventAt ?? input.activeSince));
  return { judged: true, silent: quietForMs > thresholdMs, usualPerDay, quietForMs, thresholdMs };
}
