import { expect } from 'vitest';
import type { StepContext } from './define-step.js';
import { formatterStep } from './formatter-step.js';

/** Test helpers shared by the formatter-*.test.ts files. The clock the date operations see: */
export const NOW = Date.UTC(2024, 0, 15, 12, 30);
const ctx = { now: () => NOW } as StepContext;

/** Runs one formatter operation as the engine would (input parsed first) and returns its value. */
export async function format(operation: string, value: unknown, options?: unknown): Promise<unknown> {
  const outcome = await formatterStep.run(formatterStep.input.parse({ operation, value, options }), ctx);
  return outcome.kind === 'done' ? (outcome.output as { value: unknown }).value : outcome;
}

/** Matches the error a formatter operation throws for input it cannot use. */
export const invalid = (message: string) => ({
  code: 'FORMATTER_INVALID_INPUT',
  retryable: false,
  message: expect.stringContaining(message),
});
