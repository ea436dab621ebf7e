// PostgreSQL: 53100 disk full, 53300 too many connections, 57P01 shut down by the admin, 08xxx connection lost.
const codes = new Set(['ECONNREFUSED', 'ECONNRESET', '53100', '53300', '57P01', '08006', '08001']);
// SQLite: extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE, …) start with their primary code.
const sqlitePrimaryCodes = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR'];

/**
 * Storage errors that are about the moment, not the request (busy, disk full, database down): the
 * sender should retry, so they become 503 with Retry-After, never a 2xx and never a 500.
 */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return codes.has(code) || sqlitePrimaryCodes.some((primary) => code === primary || code.startsWith(`${primary}_`));
}
