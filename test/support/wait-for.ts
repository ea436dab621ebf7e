import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long; every wait in the e2e suite is bounded. */
  timeoutMs: number;
  intervalMs?: number;
  /** What we were waiting for, for the error message. */
  what: string;
}

/**
 * Polls `check` until it returns something other than `undefined`/`false`, and returns that. Throws
 * after `timeoutMs`, including the last value `describe` gives, so a timeout says how far it got.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitOptions & { describe?: () => unknown },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const state = options.describe ? await Promise.resolve(options.describe()).catch((e: unknown) => e) : undefined;
      const detail = [
        lastError !== undefined && `last error: ${(lastError as Error).message ?? String(lastError)}`,
        state !== undefined && `state: ${JSON.stringify(state)}`,
      ].filter(Boolean);
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${detail.length ? ` (${detail.join('; ')})` : ''}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}

export { sleep };
