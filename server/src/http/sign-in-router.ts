import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { signInButtonSchema } from '../contracts/sign-in.js';
import { addressKey } from '../security/address-key.js';
import { returnPathWithError } from '../security/safe-return-path.js';
import { SignInError } from '../security/sign-in-provider.js';
import { auditRepo } from '../storage/audit-repo.js';
import type { AppDeps } from './app-deps.js';
import { clientAddress } from './client-address.js';
import { createRouter } from './create-router.js';
import { jsonResponse } from './openapi-shapes.js';
import { startSessionCookie } from './session-cookie.js';
import { createSignInFlow, signInCookie, signInCookiePath, signInStateTtlMs } from './sign-in-flow.js';
import { signInProvidersOf } from './sign-in-providers.js';

const providerParam = z.object({ provider: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/) });
const redirect = { description: 'to the provider, or back to the app (`?signInError=CODE` when refused)' };

/** Sign-in with Google, GitHub or an OpenID Connect provider: open routes, the browser is redirected throughout. */
export function signInRouter(deps: AppDeps) {
  const router = createRouter();
  const providers = signInProvidersOf(deps);
  const flow = createSignInFlow({ database: deps.database, box: deps.connections.box, now: deps.now, providers });

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/sign-in/providers',
      tags: ['auth'],
      summary: 'The providers the login page offers ("Continue with …")',
      responses: { 200: jsonResponse(z.object({ providers: z.array(signInButtonSchema) }), 'enabled providers') },
    }),
    async (c) => {
      const enabled = await providers.enabled();
      const buttons = enabled.map(({ id, name, kind }) => ({ id, name, kind, startUrl: `/api/v1/auth/sign-in/${id}/start` }));
      return c.json({ providers: buttons }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/sign-in/{provider}/start',
      tags: ['auth'],
      summary: 'Starts a sign-in: sets the browser cookie the callback is checked against and redirects to the provider',
      request: { params: providerParam, query: z.object({ returnTo: z.string().max(2000).optional().describe('a path of this server to land on') }) },
      responses: { 302: redirect },
    }),
    async (c) => {
      const { provider } = c.req.valid('param');
      const { returnTo } = c.req.valid('query');
      // One cookie serves sign-ins started in several tabs at once: each state row holds its hash.
      const existing = getCookie(c, signInCookie);
      const browserKey = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
      try {
        const url = await flow.start(provider, returnTo, browserKey);
        setCookie(c, signInCookie, browserKey, {
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level navigation, which carries Lax cookies.
          sameSite: 'Lax',
          secure: deps.secureCookies,
          path: signInCookiePath,
          maxAge: Math.floor(signInStateTtlMs / 1000),
        });
        return c.redirect(url.href, 302);
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        deps.log.warn({ provider, code: error.code, reason: error.message }, 'sign-in could not start');
        return c.redirect(returnPathWithError(returnTo ?? '/', error.code), 302);
      }
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/sign-in/{provider}/callback',
      tags: ['auth'],
      summary: 'Where the provider sends the browser back; signs in (same session as a password sign-in) or explains the refusal',
      request: { params: providerParam },
      responses: { 302: redirect },
    }),
    async (c) => {
      const { provider } = c.req.valid('param');
      const query = new URL(c.req.url).searchParams;
      const result = await flow.finish(provider, query, getCookie(c, signInCookie));
      const address = addressKey(clientAddress(c));
      const now = deps.now();
      if (!result.ok) {
        deps.log.warn({ provider, code: result.code, reason: result.reason }, 'sign-in refused');
        const details = { provider, code: result.code, reason: result.reason, email: result.email ?? null, address };
        await auditRepo.record(deps.database.db, { actor: null, action: 'login.refused', targetId: null, details }, now);
        return c.redirect(returnPathWithError(result.returnTo, result.code), 302);
      }
      const { user } = result;
      const actor = { userId: user.id, email: user.email };
      await deps.database.write(async (trx) => {
        if (result.outcome === 'invited') {
          const details = { email: user.email, role: user.role, provider, invitationId: result.invitationId ?? null };
          await auditRepo.record(trx, { actor, action: 'user.create', targetId: user.id, details }, now);
        }
        if (result.outcome !== 'signed-in') await auditRepo.record(trx, { actor, action: 'identity.link', targetId: user.id, details: { provider } }, now);
        await auditRepo.record(trx, { actor, action: 'login', targetId: user.id, details: { provider, address } }, now);
      });
      await startSessionCookie(c, deps, user.id);
      return c.redirect(result.returnTo, 302);
    },
  );

  return router;
}
