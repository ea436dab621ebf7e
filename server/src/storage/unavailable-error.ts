const codes = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'ECONNREFUSED', 'ECONNRESET', '57P01', '53300', '08006', '08001']);

/**
 * Storage errors that are about the moment, not the request (busy, disk full, database down): the
 * sender should retry, so they become 503 with Retry-After, never a 2xx and never a 500.
 */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (codes.has(code) || code.startsWith('SQLITE_IOERR'));
}
