import { randomBytes } from 'node:crypto';

/**
 * Time-sortable ids (`run_0193a…`): 48-bit millisecond timestamp then 80 random bits, hex. Sorting by id
 * sorts by creation time, which keeps list queries and index inserts cheap on both databases.
 */
export function createId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(16).padStart(12, '0')}${randomBytes(10).toString('hex')}`;
}

/** A 128-bit unguessable token for URLs (webhook paths). */
export function createToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
