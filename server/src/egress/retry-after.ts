import { parseHttpDate } from './parse-http-date.js';

/**
 * Milliseconds to wait according to a `Retry-After` header (delay-seconds or HTTP-date), or null
 * when there is no usable value (absent, garbage, or a date already past), so the caller falls
 * back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed, now);
  return date === null || date < now ? null : date - now;
}
