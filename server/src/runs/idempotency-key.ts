import { createHash } from 'node:crypto';

/**
 * The key an action call carries: derived from (run, step path) only, so every retry and every resume
 * after a crash sends the same key and the vendor can drop the duplicate.
 */
export function idempotencyKey(runId: string, stepPath: string): string {
  return `${runId}-${createHash('sha256').update(stepPath).digest('base64url').slice(0, 16)}`;
}
