import { credentialRepo } from '../storage/credential-repo.js';
import type { Db } from '../storage/database.js';
import { userRepo } from '../storage/user-repo.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import type { Principal } from './principal.js';
import { isRole } from './roles.js';
import { createSecretToken, hashSecretToken } from './secret-token.js';

export const sessionCookie = 'switchyard_session';
export const sessionTtlMs = 14 * 86_400_000;

export async function principalFromToken(db: Db, token: string): Promise<Principal | null> {
  const row = await credentialRepo.userForToken(db, hashSecretToken(token));
  return row && isRole(row.role) ? { userId: row.id, email: row.email, role: row.role, via: 'token' } : null;
}

export async function principalFromSession(db: Db, sessionId: string, now: number): Promise<Principal | null> {
  const row = await credentialRepo.userForSession(db, hashSecretToken(sessionId), now);
  return row && isRole(row.role) ? { userId: row.id, email: row.email, role: row.role, via: 'session' } : null;
}

// Compared against when the e-mail is unknown, so a login takes as long whether or not the account exists.
let decoyHash: Promise<string> | null = null;

export async function checkPassword(db: Db, email: string, password: string) {
  const user = await userRepo.byEmail(db, email);
  decoyHash ??= hashPassword('decoy password');
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash));
  return ok && user ? user : null;
}

/** A new session; the caller sets the returned id as an HttpOnly cookie. */
export async function startSession(db: Db, userId: string, now: number): Promise<string> {
  const { token, hash } = createSecretToken('sys');
  await credentialRepo.createSession(db, { id: hash, userId, now, expiresAt: now + sessionTtlMs });
  return token;
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await credentialRepo.deleteSession(db, hashSecretToken(sessionId));
}
