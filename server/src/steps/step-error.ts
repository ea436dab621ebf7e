/** A step failure the run engine understands: `retryable` decides between backoff and failing the run. */
export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly options: { retryable?: boolean; retryAfterMs?: number; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'StepError';
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
}
