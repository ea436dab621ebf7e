import type { RetryPolicy } from '../contracts/recipe-definition.js';
import { backoffDelay } from '../egress/backoff-delay.js';

export const defaultRetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 3_600_000 } as const;

/**
 * When to try a failed step again, or null to give up. `Retry-After` wins over backoff but is clamped
 * to the policy's maximum, so a vendor asking for a day cannot hold a run longer than the user allows.
 */
export function nextRetryDelay(
  attempt: number,
  failure: { retryable: boolean; retryAfterMs?: number | undefined },
  override: RetryPolicy | undefined,
  random: () => number = Math.random,
): number | null {
  const policy = { ...defaultRetryPolicy, ...override };
  if (!failure.retryable || attempt >= policy.maxAttempts) return null;
  if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, policy.maxDelayMs);
  return backoffDelay(attempt - 1, { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs, random });
}
