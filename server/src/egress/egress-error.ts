export type EgressErrorCode =
  | 'EGRESS_BLOCKED'
  | 'EGRESS_TIMEOUT'
  | 'EGRESS_CONNECT'
  | 'EGRESS_RESPONSE_TOO_LARGE'
  | 'EGRESS_BAD_URL'
  | 'EGRESS_TOO_MANY_REDIRECTS'
  | 'EGRESS_ABORTED';

// Only transient network trouble is worth another attempt; policy and caller decisions never change on retry.
const retryableCodes: ReadonlySet<EgressErrorCode> = new Set(['EGRESS_TIMEOUT', 'EGRESS_CONNECT']);

/**
 * Why an outbound call failed. Messages name the origin or address at most, never request
 * headers or bodies, because those carry credentials.
 */
export class EgressError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly code: EgressErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EgressError';
    this.retryable = retryableCodes.has(code);
  }
}
