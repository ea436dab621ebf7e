import { createHash, randomBytes } from 'node:crypto';

/**
 * API tokens and session ids are 256-bit random secrets shown to their holder once; only their
 * SHA-256 is stored, so a leaked database does not leak working credentials. (A fast hash is right
 * here: unlike passwords, the secrets have full entropy.)
 */
export function createSecretToken(prefix: 'syt' | 'sys'): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
