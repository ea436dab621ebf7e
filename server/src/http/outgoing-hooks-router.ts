import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createdHookSubscriptionSchema,
  createHookSubscriptionSchema,
  hookDeliverySchema,
  hookSubscriptionSchema,
  type HookDelivery,
  type HookSubscription,
} from '../contracts/outgoing-hook.js';
import { createSubscriptionSecret, subscriptionSecretContext } from '../outgoing-hooks/subscription-secret.js';
import { auditRepo } from '../storage/audit-repo.js';
import { hookOutboxRepo } from '../storage/hook-outbox-repo.js';
import { hookSubscriptionRepo } from '../storage/hook-subscription-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import type { Principal } from '../security/principal.js';
import type { Trx } from '../storage/database.js';
import type { HookSubscriptionRow } from '../storage/tables.js';
import type { AppDeps } from './app-deps.js';
import { apiError, invalid } from './api-error.js';
import { createRouter } from './create-router.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { requireRole } from './middleware/authenticate.js';

const notFound = { 404: errorResponse('no such subscription') };
const recentDeliveries = 50;

function subscriptionView(row: HookSubscriptionRow): HookSubscription {
  return {
    id: row.id,
    target_url: row.target_url,
    event: row.event as HookSubscription['event'],
    recipe_id: row.recipe_id,
    emit_name: row.emit_name,
    status: row.unsubscribed_at === null ? 'active' : 'unsubscribed',
    created_at: row.created_at,
    unsubscribed_at: row.unsubscribed_at,
  };
}

const originOf = (url: string) => (URL.canParse(url) ? new URL(url).origin : 'not a URL');

/**
 * Outgoing REST hooks (Zapier's REST Hooks contract, also Make and n8n): subscribe a URL to run results or
 * emitted events, unsubscribe by id or by URL, and read what was delivered with every attempt.
 */
export function outgoingHooksRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now } = deps;
  const box = deps.connections.box;

  router.openapi(
    createRoute({
      method: 'post',
      path: '/hooks/subscriptions',
      tags: ['outgoing hooks'],
      summary: 'Subscribe a URL to an event; the answer holds the signing secret, shown only this once',
      middleware: [requireRole('editor')],
      request: { body: jsonBody(createHookSubscriptionSchema) },
      responses: {
        201: jsonResponse(createdHookSubscriptionSchema, 'subscribed'),
        422: errorResponse('the body is invalid, or the recipe does not exist'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      if (body.recipe_id !== undefined && !(await recipeRepo.get(database.db, body.recipe_id))) {
        return invalid(c, [{ path: '/recipe_id', message: `no recipe ${body.recipe_id}` }]);
      }
      const secret = createSubscriptionSecret();
      const principal = c.get('principal');
      const row = await database.write(async (trx) => {
        const created = await hookSubscriptionRepo.create(
          trx,
          { targetUrl: body.target_url, event: body.event, recipeId: body.recipe_id ?? null, emitName: body.emit_name ?? null, createdBy: principal.userId },
          (id) => box.seal(secret, subscriptionSecretContext(id)),
          now(),
        );
        // The target's origin only: a URL path or query may carry a token of the subscriber's.
        const details = { event: body.event, target: originOf(body.target_url), recipeId: body.recipe_id ?? null };
        await auditRepo.record(trx, { actor: principal, action: 'hook_subscription.create', targetId: created.id, details }, now());
        return created;
      });
      return c.json({ ...subscriptionView(row), secret }, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/hooks/subscriptions',
      tags: ['outgoing hooks'],
      middleware: [requireRole('viewer')],
      responses: { 200: jsonResponse(z.object({ subscriptions: z.array(hookSubscriptionSchema) }), 'every subscription, newest first'), ...standardErrors },
    }),
    async (c) => c.json({ subscriptions: (await hookSubscriptionRepo.list(database.db)).map(subscriptionView) }, 200),
  );

  /** Deletes in one commit with its audit entry; resolves with how many subscriptions went. */
  const remove = (principal: Principal, targetId: string, removeRows: (trx: Trx) => Promise<number>) =>
    database.write(async (trx) => {
      const removed = await removeRows(trx);
      if (removed > 0) await auditRepo.record(trx, { actor: principal, action: 'hook_subscription.delete', targetId, details: { removed } }, now());
      return removed;
    });

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/hooks/subscriptions/{id}',
      tags: ['outgoing hooks'],
      summary: 'Unsubscribe (what is still queued for it is dropped)',
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: { 204: { description: 'unsubscribed' }, ...notFound, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const removed = await remove(c.get('principal'), id, async (trx) => ((await hookSubscriptionRepo.remove(trx, id)) ? 1 : 0));
      return removed > 0 ? c.body(null, 204) : apiError(c, 404, 'SUBSCRIPTION_NOT_FOUND', 'no such subscription');
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/hooks/subscriptions',
      tags: ['outgoing hooks'],
      summary: 'Unsubscribe every subscription of a target URL (Zapier’s unsubscribe may name the URL)',
      middleware: [requireRole('editor')],
      request: { query: z.object({ target_url: z.string().min(1).max(2000) }) },
      responses: { 204: { description: 'unsubscribed' }, 404: errorResponse('no subscription has this target URL'), ...standardErrors },
    }),
    async (c) => {
      const { target_url: targetUrl } = c.req.valid('query');
      // Named by origin only, as on create: the URL itself may carry the subscriber's token.
      const removed = await remove(c.get('principal'), originOf(targetUrl), (trx) => hookSubscriptionRepo.removeByTarget(trx, targetUrl));
      return removed > 0 ? c.body(null, 204) : apiError(c, 404, 'SUBSCRIPTION_NOT_FOUND', 'no subscription has this target URL');
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/hooks/subscriptions/{id}/deliveries',
      tags: ['outgoing hooks'],
      summary: `A subscription's newest ${recentDeliveries} deliveries, each with its attempts`,
      middleware: [requireRole('viewer')],
      request: { params: idParam },
      responses: { 200: jsonResponse(z.object({ deliveries: z.array(hookDeliverySchema) }), 'newest first'), ...notFound, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await hookSubscriptionRepo.get(database.db, id))) return apiError(c, 404, 'SUBSCRIPTION_NOT_FOUND', 'no such subscription');
      const rows = await hookOutboxRepo.recent(database.db, id, recentDeliveries);
      const deliveries: HookDelivery[] = rows.map((row) => ({
        id: row.id,
        event: row.event as HookDelivery['event'],
        status: row.status as HookDelivery['status'],
        created_at: row.created_at,
        next_attempt_at: row.next_attempt_at,
        finished_at: row.finished_at,
        attempts: row.attemptRows.map((attempt) => ({
          attempted_at: attempt.attempted_at,
          duration_ms: attempt.duration_ms,
          http_status: attempt.http_status,
          error: attempt.error,
        })),
      }));
      return c.json({ deliveries }, 200);
    },
  );

  return router;
}
