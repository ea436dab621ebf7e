import type { PipeArg } from './template-part.js';

/** Argument kinds are checked at parse time, since pipe arguments are always literals. */
export type PipeArgKind = 'string' | 'number' | 'integer' | 'any';

export interface PipeDefinition {
  /** Kinds of the accepted arguments, in order. */
  readonly args: readonly PipeArgKind[];
  /** How many of `args` are mandatory. */
  readonly required: number;
  /** Most pipes pass null/undefined straight through so `| default` can catch them later. */
  readonly acceptsMissing?: boolean;
  /** Throws a plain Error on bad input; the evaluator wraps it into a `TEMPLATE_PIPE` error. */
  apply(value: unknown, args: readonly PipeArg[]): unknown;
}
