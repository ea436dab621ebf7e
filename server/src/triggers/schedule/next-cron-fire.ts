import type { Cron } from 'croner';
import { IANAZone } from 'luxon';
import { offsetChangeAfter } from './offset-change.js';

// Longer than any daylight-saving shift, so a change that still matters at `after` lies inside it.
const LOOKBACK_MS = 3 * 3_600_000;

/**
 * Croner's next run strictly after `after`, made consistent across DST changes. Croner walks wall-clock
 * time and converts each match to an instant, which works when stepping from fire to fire but not when
 * asked from an arbitrary instant just after a change:
 * - clocks forward: croner runs the first skipped wall time (02:30) right after the gap (03:30), but only
 *   if asked from before the gap; during the hour after it, ask from just before the change;
 * - clocks back: croner maps a repeated wall time to its first pass, so from inside the second pass it
 *   answers in the past; those times already fired, so resume where the repeated hour ends.
 */
export function nextCronFire(cron: Cron, timezone: string, after: number): number | null {
  const next = (from: number) => cron.nextRun(new Date(from))?.getTime() ?? null;
  const zone = IANAZone.create(timezone);
  const offsetNow = zone.offset(after);
  const offsetEarlier = zone.offset(after - LOOKBACK_MS);
  const shift = (offsetNow - offsetEarlier) * 60_000;
  let answer: number | null;
  if (shift === 0) {
    answer = next(after);
  } else {
    const change = offsetChangeAfter(zone, after - LOOKBACK_MS, after);
    if (shift > 0 && after < change + shift) {
      const moved = next(change - 1);
      answer = moved !== null && moved > after ? moved : next(after);
    } else if (shift < 0 && after < change - shift) {
      answer = next(change - shift - 1);
    } else {
      answer = next(after);
    }
  }
  // Callers step from answer to answer; one not after `after` would make them loop for ever.
  return answer !== null && answer > after ? answer : null;
}
