import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { invitationViewSchema, type InvitationView } from '../contracts/sign-in.js';
import { roles } from '../security/roles.js';
import { auditRepo } from '../storage/audit-repo.js';
import { invitationRepo } from '../storage/invitation-repo.js';
import type { InvitationRow } from '../storage/tables.js';
import { userRepo } from '../storage/user-repo.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';

const dayMs = 86_400_000;

const newInvitationSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')),
  role: z.enum(roles).default('editor'),
  expiresInDays: z.number().int().min(1).max(90).default(7),
});

function invitationView(row: InvitationRow, now: number): InvitationView {
  const status = row.accepted_at !== null ? 'accepted' : row.revoked_at !== null ? 'revoked' : row.expires_at <= now ? 'expired' : 'open';
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Invitations let an address in through a sign-in provider: its first sign-in creates the user with the
 * invited role. Owners only, like creating users.
 */
export function invitationsRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now } = deps;

  router.openapi(
    createRoute({
      method: 'get',
      path: '/invitations',
      tags: ['users'],
      summary: 'Invitations, newest first (the latest 500), with their status',
      middleware: [requireRole('owner')],
      responses: { 200: jsonResponse(z.object({ invitations: z.array(invitationViewSchema) }), 'invitations'), ...standardErrors },
    }),
    async (c) => {
      const rows = await invitationRepo.list(database.db, 500);
      return c.json({ invitations: rows.map((row) => invitationView(row, now())) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/invitations',
      tags: ['users'],
      summary: 'Invite an address with a role; an open invitation of the same address is replaced',
      middleware: [requireRole('owner')],
      request: { body: jsonBody(newInvitationSchema) },
      responses: { 201: jsonResponse(invitationViewSchema, 'the invitation'), 409: errorResponse('a user with this e-mail exists'), ...standardErrors },
    }),
    async (c) => {
      const { email, role, expiresInDays } = c.req.valid('json');
      const principal = c.get('principal');
      const at = now();
      const created = await database.write(async (trx) => {
        if (await userRepo.byEmail(trx, email)) return null;
        const replaced = await invitationRepo.revokeOpen(trx, email, at);
        const row = await invitationRepo.create(trx, { email, role, invitedBy: principal.userId, now: at, expiresAt: at + expiresInDays * dayMs });
        await auditRepo.record(trx, { actor: principal, action: 'invitation.create', targetId: row.id, details: { email, role, expiresInDays, replaced } }, at);
        return row;
      });
      if (!created) return apiError(c, 409, 'EMAIL_TAKEN', `${email} already has a user; they can sign in with a provider that confirms this address`);
      return c.json(invitationView(created, at), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/invitations/{id}',
      tags: ['users'],
      summary: 'Revoke an open invitation',
      middleware: [requireRole('owner')],
      request: { params: idParam },
      responses: {
        200: jsonResponse(invitationViewSchema, 'revoked'),
        404: errorResponse('no such invitation'),
        409: errorResponse('already accepted or revoked'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const principal = c.get('principal');
      const at = now();
      const outcome = await database.write(async (trx) => {
        const row = await invitationRepo.byId(trx, id);
        if (!row) return 'missing' as const;
        if (!(await invitationRepo.revoke(trx, id, at))) return row;
        await auditRepo.record(trx, { actor: principal, action: 'invitation.revoke', targetId: id, details: { email: row.email } }, at);
        return { ...row, revoked_at: at };
      });
      if (outcome === 'missing') return apiError(c, 404, 'NOT_FOUND', `no invitation ${id}`);
      if (outcome.revoked_at !== at) return apiError(c, 409, 'INVITATION_CLOSED', `the invitation is already ${invitationView(outcome, at).status}`);
      return c.json(invitationView(outcome, at), 200);
    },
  );

  return router;
}
