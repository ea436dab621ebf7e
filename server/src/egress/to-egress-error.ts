import { errors } from 'undici';
import { EgressError } from './egress-error.js';

/**
 * Maps whatever a hop threw to an `EgressError`. An aborted deadline wins, because undici reports
 * an abort in several shapes and only the deadline knows whether it was the clock or the caller.
 */
export function toEgressError(error: unknown, deadline: AbortSignal, origin: string): EgressError {
  if (deadline.aborted && deadline.reason instanceof EgressError) return deadline.reason;
  if (error instanceof EgressError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.InvalidArgumentError) {
    return new EgressError('EGRESS_BAD_URL', `invalid request to ${origin}: ${detail}`, { cause: error });
  }
  return new EgressError('EGRESS_CONNECT', `request to ${origin} failed: ${detail}`, { cause: error });
}
