import { EgressError } from '../egress/egress-error.js';

/**
 * A failed send or check, worded for the person who owns the recipe. `retryable` follows SMTP's own split:
 * 4xx replies and lost connections are temporary, 5xx replies (a refused recipient, bad credentials) are not.
 */
export class EmailError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    /** The server's reply code (e.g. 550), when it answered. */
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'EmailError';
  }
}

interface NodemailerFailure {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

/** Network and protocol failures nodemailer reports that a later attempt may get past. */
const transientCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED']);

/** Turns what nodemailer threw into an `EmailError` whose message names the server's reply, never a secret. */
export function toEmailError(error: unknown, host: string): EmailError {
  if (error instanceof EmailError) return error;
  if (error instanceof EgressError) {
    // The policy is the operator's, so the message says who can change it; a refusal never passes on retry.
    if (error.code === 'EGRESS_BLOCKED') return new EmailError('SMTP_BLOCKED', `${error.message}; an owner can allow it with SWITCHYARD_EGRESS_ALLOW`, false);
    return new EmailError('SMTP_DNS', `sending through ${host} failed: ${error.message}`, error.retryable);
  }
  const failure: NodemailerFailure = error !== null && typeof error === 'object' ? error : { message: String(error) };
  const code = typeof failure.code === 'string' ? failure.code : 'EMAIL_FAILED';
  const reply = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const said = typeof failure.response === 'string' ? failure.response.slice(0, 300) : undefined;
  if (reply !== undefined) {
    const during = typeof failure.command === 'string' ? ` (${failure.command})` : '';
    const temporary = reply >= 400 && reply < 500;
    const what = code === 'EAUTH' ? 'refused the username or password' : temporary ? 'deferred the message' : 'refused the message';
    return new EmailError(code === 'EAUTH' ? 'SMTP_AUTH_FAILED' : `SMTP_${reply}`, `${host} ${what}${during}: ${said ?? reply}`, temporary, reply);
  }
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  if (/certificate|self[- ]signed|unable to verify/i.test(message)) {
    return new EmailError(
      'SMTP_UNTRUSTED_CERTIFICATE',
      `${host} presented a certificate that is not trusted (${message}); fix the server's certificate, or tick "Accept an untrusted certificate" in the SMTP account if you trust this server`,
      false,
    );
  }
  if (code === 'EAUTH') return new EmailError('SMTP_AUTH_FAILED', `${host}: ${message}`, false);
  return new EmailError(`SMTP_${code.replace(/^E/, '')}`, `sending through ${host} failed: ${message}`, transientCodes.has(code));
}
