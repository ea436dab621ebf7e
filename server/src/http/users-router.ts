import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createApiToken } from '../security/create-api-token.js';
import { createUser, newUserSchema } from '../security/create-user.js';
import { auditRepo } from '../storage/audit-repo.js';
import { userRepo } from '../storage/user-repo.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { createRouter } from './create-router.js';
import { invitationsRouter } from './invitations-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { signInSettingsRouter } from './sign-in-settings-router.js';

const userSchema = z.object({ id: z.string(), email: z.string(), role: z.string(), createdAt: z.number() });

export function usersRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now } = deps;
  router.route('/', invitationsRouter(deps));
  router.route('/', signInSettingsRouter(deps));

  router.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      middleware: [requireRole('owner')],
      responses: { 200: jsonResponse(z.object({ users: z.array(userSchema) }), 'every user'), ...standardErrors },
    }),
    async (c) => {
      const users = await userRepo.list(database.db);
      return c.json({ users: users.map((u) => ({ id: u.id, email: u.email, role: u.role, createdAt: u.created_at })) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['users'],
      middleware: [requireRole('owner')],
      request: { body: jsonBody(newUserSchema) },
      responses: { 201: jsonResponse(userSchema.omit({ createdAt: true }), 'created'), 409: errorResponse('the e-mail is taken'), ...standardErrors },
    }),
    async (c) => {
      const result = await createUser(database.db, c.req.valid('json'), now());
      if (!result.ok) return apiError(c, 409, result.code, 'a user with this e-mail exists');
      const { id, email, role } = result.user;
      await auditRepo.record(database.db, { actor: c.get('principal'), action: 'user.create', targetId: id, details: { email, role } }, now());
      return c.json(result.user, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['tokens'],
      summary: 'Create an API token for yourself; it is shown once',
      middleware: [requireRole('viewer')],
      request: { body: jsonBody(z.strictObject({ name: z.string().min(1).max(100) })) },
      responses: { 201: jsonResponse(z.object({ id: z.string(), token: z.string() }), 'the token (store it now)'), ...standardErrors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { name } = c.req.valid('json');
      const created = await createApiToken(database.db, principal.userId, name, now());
      // The token's id and name only: the token itself exists nowhere but in this answer.
      await auditRepo.record(database.db, { actor: principal, action: 'token.create', targetId: created.id, details: { name } }, now());
      return c.json(created, 201);
    },
  );

  return router;
}
