import { z } from 'zod';
import type { StepContext } from './define-step.js';
import { StepError } from './step-error.js';

/** One formatter operation: its slice of the `core/formatter` input union and what it computes. */
export interface FormatterOperation {
  name: `${string}.${string}`;
  description: string;
  schema: z.ZodObject<{ operation: z.ZodLiteral<string>; value: z.ZodUnknown; options: z.ZodType }>;
  apply(value: unknown, options: unknown, ctx: Pick<StepContext, 'now'>): unknown;
}

/** Options for operations that take none; `{}` is accepted because the builder may always send it. */
export const noOptions = z.object({}).optional();

export function formatterOperation<Options extends z.ZodType>(
  name: `${string}.${string}`,
  description: string,
  options: Options,
  apply: (value: unknown, options: z.output<Options>, ctx: Pick<StepContext, 'now'>) => unknown,
): FormatterOperation {
  return {
    name,
    description,
    schema: z.object({ operation: z.literal(name), value: z.unknown(), options }),
    // The step's union validated these options already; parsing the small object again keeps `apply` typed.
    apply: (value, rawOptions, ctx) => apply(value, options.parse(rawOptions), ctx),
  };
}

/** The error for a value or option that cannot be used; retrying the same input cannot help. */
export function invalidInput(message: string): StepError {
  return new StepError('FORMATTER_INVALID_INPUT', message, { retryable: false });
}

/** Shows a user's value inside an error message without dumping a whole payload. */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
