import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { principalFromSession, principalFromToken, sessionCookie } from '../../security/authenticate.js';
import { roleAllows, type Role } from '../../security/roles.js';
import type { Principal } from '../../security/principal.js';
import type { Db } from '../../storage/database.js';
import type { ApiEnv } from '../api-env.js';
import { apiError } from '../api-error.js';

/**
 * Routes open without credentials (signing in, first-start setup, the API description, and the OAuth callback,
 * where the single-use state is the credential), and provider sign-in (its start and callback, where the state is).
 */
const publicPaths = new Set(['/api/v1/auth/login', '/api/v1/setup', '/api/v1/openapi.json', '/api/v1/auth/status', '/api/v1/connections/oauth/callback']);
const publicPrefix = '/api/v1/auth/sign-in/';

/** Every `/api/v1` route needs an API token (Authorization: Bearer) or a session cookie. */
export function authenticate(db: Db, now: () => number, localPrincipal?: Principal) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (publicPaths.has(c.req.path) || c.req.path.startsWith(publicPrefix)) return next();
    const header = c.req.header('authorization');
    let principal = null;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      principal = match ? await principalFromToken(db, match[1]!) : null;
    } else {
      const session = getCookie(c, sessionCookie);
      principal = session ? await principalFromSession(db, session, now()) : (localPrincipal ?? null);
    }
    if (!principal) return apiError(c, 401, 'UNAUTHENTICATED', 'sign in or send an API token (Authorization: Bearer <token>)');
    c.set('principal', principal);
    return next();
  });
}

export function requireRole(role: Role) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const principal = c.get('principal');
    if (!principal || !roleAllows(principal.role, role)) {
      return apiError(c, 403, 'FORBIDDEN', `this needs the ${role} role`);
    }
    return next();
  });
}
