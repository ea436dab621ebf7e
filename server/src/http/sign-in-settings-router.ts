import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { signInProviderInputSchema, signInProviderViewSchema } from '../contracts/sign-in.js';
import { auditRepo } from '../storage/audit-repo.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { signInProvidersOf } from './sign-in-providers.js';

const providerIdParam = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40').describe('also the last part of the redirect URI'),
});

/** The owner's sign-in provider settings; the client secret is write-only (sealed at rest, never shown). */
export function signInSettingsRouter(deps: AppDeps) {
  const router = createRouter();
  const providers = signInProvidersOf(deps);
  const { database, now } = deps;

  router.openapi(
    createRoute({
      method: 'get',
      path: '/sign-in/providers',
      tags: ['users'],
      summary: 'Sign-in providers from the environment and from settings, with the redirect URI to register at each',
      middleware: [requireRole('owner')],
      responses: {
        200: jsonResponse(
          z.object({
            providers: z.array(signInProviderViewSchema),
            redirectUriTemplate: z.string().describe('the redirect URI of a provider with id {id}, for one not added yet'),
          }),
          'providers',
        ),
        ...standardErrors,
      },
    }),
    async (c) => c.json({ providers: await providers.views(), redirectUriTemplate: providers.redirectUri('{id}') }, 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/sign-in/providers/{id}',
      tags: ['users'],
      summary: 'Add or change a sign-in provider',
      middleware: [requireRole('owner')],
      request: { params: providerIdParam, body: jsonBody(signInProviderInputSchema) },
      responses: {
        200: jsonResponse(signInProviderViewSchema, 'saved'),
        409: errorResponse('the provider is set by environment variables'),
        422: errorResponse('invalid settings (VALIDATION_FAILED, with problems)'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const saved = await providers.save(id, input, now());
      if (!saved.ok) return apiError(c, saved.status, saved.code, saved.message, saved.problems);
      // Names and URLs only: the client secret never reaches the audit log.
      const details = { kind: input.kind, clientId: input.clientId, enabled: input.enabled !== false, secretChanged: input.clientSecret !== undefined };
      await auditRepo.record(database.db, { actor: c.get('principal'), action: 'sign-in-provider.save', targetId: id, details }, now());
      return c.json(saved.view, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/sign-in/providers/{id}',
      tags: ['users'],
      summary: 'Remove a sign-in provider from settings (linked accounts stay linked and work again if it is added back)',
      middleware: [requireRole('owner')],
      request: { params: providerIdParam },
      responses: { 204: { description: 'removed' }, 404: errorResponse('no such provider in settings'), ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await providers.remove(id))) return apiError(c, 404, 'NOT_FOUND', `no sign-in provider ${id} in settings`);
      await auditRepo.record(database.db, { actor: c.get('principal'), action: 'sign-in-provider.delete', targetId: id }, now());
      return c.body(null, 204);
    },
  );

  return router;
}
