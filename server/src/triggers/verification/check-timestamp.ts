const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Checks a unix-seconds timestamp header against `now` (epoch ms) in both directions: a stale value is a
 * replay, a future one a forgery or a broken clock. Returns a refusal reason, or null when acceptable.
 */
export function checkTimestamp(value: string, now: number, toleranceSeconds: number): string | null {
  if (!UNIX_SECONDS.test(value)) return 'timestamp is not unix seconds';
  const skew = Math.floor(now / 1000) - Number(value);
  if (skew > toleranceSeconds) return 'timestamp too old';
  if (-skew > toleranceSeconds) return 'timestamp too far in the future';
  return null;
}
