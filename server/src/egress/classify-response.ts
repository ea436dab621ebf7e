import { parseRetryAfter } from './retry-after.js';

export type StatusClass = 'ok' | 'retryable' | 'fatal';

/**
 * How the run engine treats an HTTP status: 408, 429 and 5xx may succeed later; any other 4xx will
 * fail the same way again (401 gets its token refresh elsewhere, before this decision).
 */
export function classifyStatus(status: number): StatusClass {
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return 'retryable';
  if (status >= 100 && status <= 399) return 'ok';
  return 'fatal';
}

const noneLeft = (headers: Record<string, string>) => headers['x-ratelimit-remaining']?.trim() === '0';

/**
 * `classifyStatus`, except that a 403 saying it is a rate limit may succeed later too: GitHub answers a
 * spent primary limit with 403 and `x-ratelimit-remaining: 0`, a secondary limit with 403 and
 * `retry-after` (docs.github.com, "Rate limits for the REST API"). `headers` are lower-cased.
 */
export function classifyResponse(status: number, headers: Record<string, string>): StatusClass {
  if (status === 403 && (headers['retry-after'] !== undefined || noneLeft(headers))) return 'retryable';
  return classifyStatus(status);
}

/**
 * How long a rate-limited answer asks to wait: `retry-after` (seconds or a date), else, when
 * `x-ratelimit-remaining` is 0, until `x-ratelimit-reset` (UTC epoch seconds, as GitHub sends it). Null
 * when neither gives a time still ahead, so the caller falls back to its own backoff.
 */
export function rateLimitWaitMs(headers: Record<string, string>, now: number): number | null {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== null) return retryAfter;
  const reset = headers['x-ratelimit-reset']?.trim();
  if (!noneLeft(headers) || !reset || !/^\d+$/.test(reset)) return null;
  const resetAt = Number(reset) * 1000;
  return resetAt > now ? resetAt - now : null;
}
