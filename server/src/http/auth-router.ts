import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { checkPassword, endSession, principalFromSession, sessionCookie } from '../security/authenticate.js';
import { newUserSchema } from '../security/create-user.js';
import { addressKey } from '../security/address-key.js';
import { claimLoginAttempt, loginLimits, loginSucceeded } from '../security/login-throttle.js';
import { hashPassword } from '../security/password-hash.js';
import { auditRepo } from '../storage/audit-repo.js';
import { settingsRepo } from '../storage/settings-repo.js';
import { userRepo } from '../storage/user-repo.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { clientAddress } from './client-address.js';
import { createRouter } from './create-router.js';
import { errorResponse, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { startSessionCookie } from './session-cookie.js';
import { signInRouter } from './sign-in-router.js';

const userSchema = z.object({ id: z.string(), email: z.string(), role: z.string() });
const credentialsSchema = z.strictObject({ email: z.string().max(320), password: z.string().max(1024) });

export function authRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now } = deps;

  // Google, GitHub and OpenID Connect sign-in end in the same session as a password.
  router.route('/', signInRouter(deps));

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/status',
      tags: ['auth'],
      summary: 'Whether the first owner still has to be created, and who is signed in (by session cookie)',
      responses: { 200: jsonResponse(z.object({ setupRequired: z.boolean(), user: userSchema.nullable() }), 'status') },
    }),
    async (c) => {
      // The web app asks this first; answering "signed out" here spares it a 401 from /auth/me.
      const session = getCookie(c, sessionCookie);
      const principal = session ? await principalFromSession(database.db, session, now()) : null;
      const user = principal ? { id: principal.userId, email: principal.email, role: principal.role } : null;
      return c.json({ setupRequired: (await userRepo.count(database.db)) === 0, user }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      tags: ['auth'],
      summary: 'Create the owner on first start; closed once any user exists',
      request: { body: jsonBody(newUserSchema.omit({ role: true })) },
      responses: {
        201: jsonResponse(userSchema, 'the owner, signed in'),
        409: errorResponse('setup is already done'),
        422: errorResponse('invalid e-mail or password'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      if ((await userRepo.count(database.db)) > 0) return apiError(c, 409, 'SETUP_DONE', 'setup is already done; sign in instead');
      // Hashing takes a while; it must not happen inside the shared write transaction.
      const passwordHash = await hashPassword(body.password);
      // The `setup` row's unique key lets exactly one of several racing calls (or processes) create the owner.
      const owner = await database.write(async (trx) => {
        if ((await userRepo.count(trx)) > 0 || !(await settingsRepo.claimOnce(trx, 'setup', String(now())))) return null;
        const created = await userRepo.create(trx, { email: body.email, passwordHash, role: 'owner', now: now() });
        await auditRepo.record(trx, { actor: { userId: created.id, email: created.email }, action: 'setup', targetId: created.id }, now());
        return created;
      });
      if (!owner) return apiError(c, 409, 'SETUP_DONE', 'setup is already done; sign in instead');
      await startSessionCookie(c, deps, owner.id);
      return c.json({ id: owner.id, email: owner.email, role: owner.role }, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: `Sign in; at most ${loginLimits.perAccount} failures per account and ${loginLimits.perAddress} per client address in ${loginLimits.windowMs / 60_000} minutes`,
      request: { body: jsonBody(credentialsSchema) },
      responses: {
        200: jsonResponse(userSchema, 'signed in; the session cookie is set'),
        401: errorResponse('wrong e-mail or password'),
        429: {
          ...errorResponse('too many failed sign-ins (LOGIN_RATE_LIMITED); the password was not checked'),
          headers: z.object({ 'Retry-After': z.string().describe('seconds until a sign-in is accepted again') }),
        },
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const address = addressKey(clientAddress(c));
      const claim = await claimLoginAttempt(database.db, { email, address, now: now() });
      if (!claim.ok) {
        const minutes = Math.ceil(claim.retryAfterMs / 60_000);
        const who = claim.limitedBy === 'account' ? 'for this account' : 'from your network address';
        c.header('Retry-After', String(Math.ceil(claim.retryAfterMs / 1000)));
        return apiError(c, 429, 'LOGIN_RATE_LIMITED', `too many failed sign-ins ${who}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
      }
      const user = await checkPassword(database.db, email, password);
      if (!user) return apiError(c, 401, 'BAD_CREDENTIALS', 'wrong e-mail or password');
      await loginSucceeded(database.db, claim);
      await startSessionCookie(c, deps, user.id);
      await auditRepo.record(database.db, { actor: { userId: user.id, email: user.email }, action: 'login', targetId: user.id, details: { address } }, now());
      return c.json({ id: user.id, email: user.email, role: user.role }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      responses: { 204: { description: 'the session is ended on the server' }, ...standardErrors },
    }),
    async (c) => {
      const session = getCookie(c, sessionCookie);
      if (session) {
        await endSession(database.db, session);
        const principal = c.get('principal');
        await auditRepo.record(database.db, { actor: principal, action: 'logout', targetId: principal.userId }, now());
      }
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags: ['auth'],
      responses: { 200: jsonResponse(userSchema.extend({ via: z.string() }), 'who you are'), ...standardErrors },
    }),
    (c) => {
      const p = c.get('principal');
      return c.json({ id: p.userId, email: p.email, role: p.role, via: p.via }, 200);
    },
  );

  return router;
}
