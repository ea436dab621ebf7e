import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Principal } from '../security/principal.js';
import { roleAllows } from '../security/roles.js';
import { auditRepo } from '../storage/audit-repo.js';
import { fromJson } from '../storage/json-column.js';
import type { TriggerRow } from '../storage/tables.js';
import { triggerItemRepo } from '../storage/trigger-item-repo.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { describeTrigger, hasWebhookUrl } from '../triggers/activate-trigger.js';
import { handshakeToken } from '../triggers/handshake-token.js';
import { PackActivationError, packTriggerLifecycle } from '../triggers/pack-trigger-lifecycle.js';
import { publicPackTriggerState, readPackTriggerState } from '../triggers/pack-trigger-state.js';
import { nextFireAfter } from '../triggers/schedule/next-fire.js';
import { scheduleConfigSchema } from '../triggers/schedule/schedule-config.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, idParam, jsonResponse, standardErrors } from './openapi-shapes.js';

const stateSchema = z.object({
  id: z.string(),
  recipeId: z.string(),
  kind: z.string(),
  active: z.boolean(),
  webhookUrl: z.string().optional(),
  lastFireAt: z.number().nullable(),
  nextFireAt: z.number().nullable(),
  enabledAt: z.number().nullable(),
  state: z.unknown(),
});

export function triggersRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now, publicUrl } = deps;

  // An editor sees the token a body_token handshake kept (they paste it back into the vendor); viewers never do.
  const view = async (row: TriggerRow, editor: boolean) => ({
    id: row.id,
    recipeId: row.recipe_id,
    kind: row.kind,
    active: row.active === 1,
    ...(hasWebhookUrl(row) && { webhookUrl: describeTrigger({ ...row, active: 1 }, publicUrl)?.webhookUrl }),
    lastFireAt: row.last_fire_at,
    nextFireAt: row.next_fire_at,
    enabledAt: row.enabled_at,
    // Pack trigger state holds webhook secrets: only what a person needs is shown (cursor, counts, errors).
    state: row.kind.startsWith('core/')
      ? fromJson(row.state)
      : {
          ...publicPackTriggerState(readPackTriggerState(fromJson(row.state)), await triggerItemRepo.count(database.db, row.id)),
          ...(editor && { handshakeToken: await handshakeToken(deps.triggers.packs, row, deps.log) }),
        },
  });
  const isEditor = (principal: Principal | undefined) => principal !== undefined && roleAllows(principal.role, 'editor');

  router.openapi(
    createRoute({
      method: 'get',
      path: '/triggers/{id}/state',
      tags: ['triggers'],
      middleware: [requireRole('viewer')],
      request: { params: idParam },
      responses: { 200: jsonResponse(stateSchema, 'what the trigger remembers'), 404: errorResponse('no such trigger'), ...standardErrors },
    }),
    async (c) => {
      const row = await triggerRepo.byId(database.db, c.req.valid('param').id);
      return row ? c.json(await view(row, isEditor(c.get('principal'))), 200) : apiError(c, 404, 'TRIGGER_NOT_FOUND', 'no such trigger');
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/triggers/{id}/state',
      tags: ['triggers'],
      summary: 'Forget what the trigger remembers (last fire, cursors, seen ids); schedules restart from now, polls seed again, subscriptions are made anew',
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: {
        200: jsonResponse(stateSchema, 'reset'),
        404: errorResponse('no such trigger'),
        422: errorResponse('the vendor refused the new subscription'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const pack = await triggerRepo.byId(database.db, id);
      if (pack && !pack.kind.startsWith('core/')) {
        // Vendor calls (a subscription made anew) happen outside any transaction.
        try {
          await packTriggerLifecycle.reset(deps.triggers, pack);
        } catch (error) {
          if (!(error instanceof PackActivationError)) throw error;
          return apiError(c, 422, 'TRIGGER_RESET_FAILED', error.message);
        }
        await database.write((trx) => auditRepo.record(trx, { actor: c.get('principal'), action: 'trigger.reset', targetId: id, details: { recipeId: pack.recipe_id } }, now()));
        deps.packWebhooks?.invalidate();
        return c.json(await view((await triggerRepo.byId(database.db, id)) ?? pack, true), 200);
      }
      const row = await database.write(async (trx) => {
        const found = await triggerRepo.byId(trx, id);
        if (!found) return undefined;
        let next: number | null = null;
        if (found.kind === 'core/schedule' && found.active === 1) {
          const config = scheduleConfigSchema.parse(fromJson<{ input?: unknown }>(found.config)?.input ?? {});
          next = nextFireAfter(config, now(), now());
        }
        await triggerRepo.reset(trx, id, next, now());
        await auditRepo.record(trx, { actor: c.get('principal'), action: 'trigger.reset', targetId: id, details: { recipeId: found.recipe_id } }, now());
        return triggerRepo.byId(trx, id);
      });
      return row ? c.json(await view(row, true), 200) : apiError(c, 404, 'TRIGGER_NOT_FOUND', 'no such trigger');
    },
  );

  return router;
}
