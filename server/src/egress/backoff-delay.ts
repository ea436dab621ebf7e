export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): exponential backoff with full jitter, a uniform
 * draw from [0, min(cap, base·2^attempt)). Jitter spreads retries out so failing clients do not
 * stampede a recovering service in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 1000, capMs = 5 * 60 * 1000, random = Math.random } = options;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
