import type { StepErrorJson } from '../contracts/run.js';
import { ConnectionError } from '../connections/connection-error.js';
import { VendorError } from '../connections/vendor-error.js';
import { EgressError } from '../egress/egress-error.js';
import { StepError } from '../steps/step-error.js';
import { TemplateError } from '../templates/index.js';

export interface Failure extends StepErrorJson {
  retryable: boolean;
  retryAfterMs?: number | undefined;
}

/** Turns anything a step threw into a recordable error; unknown errors are not retried (they are bugs). */
export function toFailure(error: unknown): Failure {
  if (error instanceof StepError) {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      retryAfterMs: error.options.retryAfterMs,
      ...(error.options.details !== undefined && { details: error.options.details }),
    };
  }
  if (error instanceof VendorError) {
    const details = error.status === undefined ? undefined : { status: error.status, ...(error.options.vendorCode !== undefined && { vendorCode: error.options.vendorCode }) };
    return { code: error.code, message: error.message, retryable: error.retryable, retryAfterMs: error.retryAfterMs, ...(details && { details }) };
  }
  // NEEDS_REAUTH and a missing connection wait for a person; only a failing token endpoint may recover.
  if (error instanceof ConnectionError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof EgressError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof TemplateError) return { code: error.code, message: error.message, retryable: false };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'STEP_CRASHED', message, retryable: false };
}
