export type StatusClass = 'ok' | 'retryable' | 'fatal';

/**
 * How the run engine treats an HTTP status: 408, 429 and 5xx may succeed later; any other 4xx will
 * fail the same way again (401 gets its token refresh elsewhere, before this decision).
 */
export function classifyStatus(status: number): StatusClass {
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return 'retryable';
  if (status >= 100 && status <= 399) return 'ok';
  return 'fatal';
}
