import { randomBytes, randomFillSync } from 'node:crypto';

// Ids are made several times per delivery; drawing entropy 4 KiB at a time instead of 10 bytes per id
// keeps the system call off the hot path.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function random10(): string {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + 10);
  offset += 10;
  return hex;
}

/**
 * Time-sortable ids (`run_0193a…`): 48-bit millisecond timestamp then 80 random bits, hex. Sorting by id
 * sorts by creation time, which keeps list queries and index inserts cheap on both databases.
 */
export function createId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(16).padStart(12, '0')}${random10()}`;
}

/** A 128-bit unguessable token for URLs (webhook paths). */
export function createToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
