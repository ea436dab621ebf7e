import { EgressError } from '../egress/egress-error.js';
import { TemplateError } from '../templates/index.js';
import { ConnectionError } from './connection-error.js';
import { VendorError } from './vendor-error.js';

export interface FormFetchFailure {
  ok: false;
  status: 422 | 502;
  code: string;
  message: string;
}

/**
 * What a form's fetch from the vendor (choices, dynamic fields) answers for an error: a connection that is
 * missing or of another pack is the form's fault (422); the vendor, the network or the pack's templates 502.
 * Anything else is a bug and is thrown again (500).
 */
export function formFetchFailure(error: unknown): FormFetchFailure {
  if (error instanceof ConnectionError && (error.code === 'CONNECTION_NOT_FOUND' || error.code === 'CONNECTION_WRONG_PACK')) {
    return { ok: false, status: 422, code: error.code, message: error.message };
  }
  if (error instanceof VendorError || error instanceof EgressError || error instanceof ConnectionError || error instanceof TemplateError) {
    return { ok: false, status: 502, code: error.code, message: error.message };
  }
  throw error;
}
