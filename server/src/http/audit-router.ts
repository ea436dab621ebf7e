import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditActionSchema, auditEntrySchema, type AuditAction, type AuditDetails, type AuditEntry } from '../contracts/audit.js';
import { auditRepo } from '../storage/audit-repo.js';
import { fromJson } from '../storage/json-column.js';
import type { AuditRow } from '../storage/tables.js';
import type { AppDeps } from './app-deps.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { jsonResponse, standardErrors } from './openapi-shapes.js';

function entryView(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_id && row.actor_email ? { id: row.actor_id, email: row.actor_email } : null,
    action: row.action as AuditAction,
    targetId: row.target_id,
    details: fromJson<AuditDetails>(row.details) ?? {},
  };
}

/** Who changed what, for owners. */
export function auditRouter(deps: AppDeps) {
  const router = createRouter();
  const { database } = deps;

  router.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      middleware: [requireRole('owner')],
      request: {
        query: z.object({
          actor: z.string().max(320).optional().describe('user id or e-mail of who acted'),
          action: auditActionSchema.optional(),
          target: z.string().max(100).optional().describe('id of the recipe, run, user, token or trigger acted on'),
          after: z.coerce.number().int().optional().describe('at or after (epoch ms)'),
          before: z.coerce.number().int().optional().describe('before (epoch ms)'),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }), 'entries, newest first'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { target, ...filter } = q;
      const rows = await auditRepo.list(database.db, { ...filter, targetId: target });
      const nextCursor = rows.length === q.limit ? rows.at(-1)!.id : null;
      return c.json({ entries: rows.map(entryView), nextCursor }, 200);
    },
  );

  return router;
}
