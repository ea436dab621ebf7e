/** One UTC day of a health series: vendor calls or trigger deliveries, and how many failed. */
export interface DayCount {
  date: string;
  events: number;
  failures: number;
}

/** One bar of the 14-day chart, in SVG units: the failed part sits on top of the rest, in red. */
export interface DayBar {
  date: string;
  x: number;
  /** Height of the part that did not fail (bottom). */
  okHeight: number;
  /** Height of the failed part (on top of okHeight). */
  failureHeight: number;
  /** Hover text, e.g. "2026-11-20: 12 calls, 1 failed". */
  label: string;
}

export interface ChartSize {
  height: number;
  barWidth: number;
  gap: number;
}

/** A count above zero always gets a visible sliver, so one call among hundreds is not lost. */
const minimumVisible = 1;

function scaled(count: number, max: number, height: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(minimumVisible, (count / max) * height);
}

export function dayLabel(day: DayCount, noun: string): string {
  return `${day.date}: ${day.events} ${noun}${day.failures > 0 ? `, ${day.failures} failed` : ''}`;
}

/**
 * Bars scaled to the busiest day. Failures are drawn as part of the day's total (a failed call is a call);
 * for triggers, failed runs can outnumber deliveries (replays), so the total is the larger of the two.
 */
export function dayBars(days: readonly DayCount[], size: ChartSize, noun: string): DayBar[] {
  const totals = days.map((day) => Math.max(day.events, day.failures));
  const max = Math.max(0, ...totals);
  return days.map((day, index) => {
    const total = scaled(totals[index]!, max, size.height);
    const failureHeight = Math.min(total, scaled(day.failures, max, size.height));
    return { date: day.date, x: index * (size.barWidth + size.gap), okHeight: total - failureHeight, failureHeight, label: dayLabel(day, noun) };
  });
}

/** What the chart says in words, for screen readers and the tooltip: "42 calls in 14 days, 3 failed; 9 today". */
export function chartSummary(days: readonly DayCount[], noun: string): string {
  const events = days.reduce((sum, day) => sum + day.events, 0);
  const failures = days.reduce((sum, day) => sum + day.failures, 0);
  const today = days.at(-1)?.events ?? 0;
  return `${events} ${noun} in ${days.length} ${days.length === 1 ? 'day' : 'days'}${failures > 0 ? `, ${failures} failed` : ''}; ${today} today`;
}
