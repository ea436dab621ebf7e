const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", "yesterday"; under a minute is "just now". Dates older than a week are shown as dates. */
export function timeAgo(at: number, now: number): string {
  const elapsed = now - at;
  if (elapsed < 60_000) return 'just now';
  if (elapsed > 7 * 86_400_000) return new Date(at).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });
  const [unit, size] = units.find(([, ms]) => elapsed >= ms)!;
  return relative.format(-Math.floor(elapsed / size), unit);
}

/** How long something took: "340 ms", "2.5 s", "3 min 20 s". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** The full local date and time, for tooltips and detail views. */
export function dateTime(at: number): string {
  return new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });
}
