import type { IANAZone } from 'luxon';

/** The first instant in (from, to] whose UTC offset differs from the one at `from`, found by bisection. */
export function offsetChangeAfter(zone: IANAZone, from: number, to: number): number {
  const offsetBefore = zone.offset(from);
  let low = from;
  let high = to;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (zone.offset(middle) === offsetBefore) low = middle;
    else high = middle;
  }
  return high;
}
