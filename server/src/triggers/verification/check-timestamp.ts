const DIGITS = /^\d{1,15}$/;

export type TimestampUnit = 'seconds' | 'milliseconds';

/**
 * Checks a unix timestamp header against `now` (epoch ms) in both directions: a stale value is a replay,
 * a future one a forgery or a broken clock. Returns a refusal reason, or null when acceptable.
 */
export function checkTimestamp(
  value: string,
  now: number,
  toleranceSeconds: number,
  unit: TimestampUnit = 'seconds',
): string | null {
  if (!DIGITS.test(value) || (unit === 'seconds' && value.length > 12)) return `timestamp is not unix ${unit}`;
  const skewMs = unit === 'seconds' ? Math.floor(now / 1000) * 1000 - Number(value) * 1000 : now - Number(value);
  return checkSkew(skewMs, toleranceSeconds);
}

/** `skewMs` is our clock minus the sender's; positive means the message is that old. */
export function checkSkew(skewMs: number, toleranceSeconds: number, maxAgeSeconds = toleranceSeconds): string | null {
  if (skewMs > maxAgeSeconds * 1000) return 'timestamp too old';
  if (-skewMs > toleranceSeconds * 1000) return 'timestamp too far in the future';
  return null;
}
