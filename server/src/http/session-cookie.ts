import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { endSession, sessionCookie, sessionTtlMs, startSession } from '../security/authenticate.js';
import type { AppDeps } from './app-deps.js';

/** Starts a session for `userId` (ending the browser's previous one) and sets its HttpOnly cookie. */
export async function startSessionCookie(c: Context, deps: Pick<AppDeps, 'database' | 'now' | 'secureCookies'>, userId: string): Promise<void> {
  const previous = getCookie(c, sessionCookie);
  if (previous) await endSession(deps.database.db, previous);
  const session = await startSession(deps.database.db, userId, deps.now());
  setCookie(c, sessionCookie, session, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.secureCookies,
    path: '/',
    maxAge: Math.floor(sessionTtlMs / 1000),
  });
}
