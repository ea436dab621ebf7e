import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { replayPreviewSchema, replayRequestSchema, runDetailSchema, runStatusSchema, runSummarySchema } from '../contracts/run.js';
import { cancelRun } from '../runs/cancel-run.js';
import { planReplay, startReplay } from '../runs/replay-run.js';
import { auditRepo } from '../storage/audit-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { runDetailView, runSummaryView } from './run-view.js';

const notFound = { 404: errorResponse('no such run') };

export function runsRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now } = deps;

  router.openapi(
    createRoute({
      method: 'get',
      path: '/runs',
      tags: ['runs'],
      middleware: [requireRole('viewer')],
      request: {
        query: z.object({
          recipe: z.string().optional(),
          status: runStatusSchema.optional(),
          after: z.coerce.number().int().optional().describe('created at or after (epoch ms)'),
          before: z.coerce.number().int().optional().describe('created before (epoch ms)'),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: { 200: jsonResponse(z.object({ runs: z.array(runSummarySchema), nextCursor: z.string().nullable() }), 'runs, newest first'), ...standardErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await runRepo.list(database.db, { recipeId: q.recipe, status: q.status, after: q.after, before: q.before, cursor: q.cursor, limit: q.limit });
      const nextCursor = rows.length === q.limit ? rows.at(-1)!.id : null;
      return c.json({ runs: rows.map(runSummaryView), nextCursor }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}',
      tags: ['runs'],
      middleware: [requireRole('viewer')],
      request: { params: idParam },
      responses: { 200: jsonResponse(runDetailSchema, 'the run with every step'), ...notFound, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await runRepo.get(database.db, id);
      if (!row) return apiError(c, 404, 'RUN_NOT_FOUND', 'no such run');
      return c.json(runDetailView(row, await runRepo.steps(database.db, id)), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/runs/{id}/replay',
      tags: ['runs'],
      summary: 'Replay from the start, the failed step, or any step (preview: true only shows what would run)',
      middleware: [requireRole('editor')],
      request: { params: idParam, body: jsonBody(replayRequestSchema) },
      responses: {
        200: jsonResponse(z.object({ preview: replayPreviewSchema }), 'the preview (nothing started)'),
        202: jsonResponse(z.object({ runId: z.string(), preview: replayPreviewSchema }), 'the replay run is queued'),
        ...notFound,
        422: errorResponse('nothing to replay from there'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const request = c.req.valid('json');
      const run = await runRepo.get(database.db, id);
      if (!run) return apiError(c, 404, 'RUN_NOT_FOUND', 'no such run');
      const plan = await planReplay(database, run, request, deps.engine.registry);
      if (!plan.ok) return apiError(c, 422, plan.code, plan.message);
      if (request.preview) return c.json({ preview: plan.preview }, 200);
      const runId = await startReplay(database, run, plan, now(), deps.engine.runTimeoutMs);
      const from = typeof request.from === 'string' ? request.from : `step ${request.from.step}`;
      const details = { runId, from, versionId: plan.preview.versionId };
      await auditRepo.record(database.db, { actor: c.get('principal'), action: 'run.replay', targetId: id, details }, now());
      deps.triggers.onEnqueued();
      return c.json({ runId, preview: plan.preview }, 202);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/runs/{id}/cancel',
      tags: ['runs'],
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: { 200: jsonResponse(runSummarySchema, 'cancelled (or already finished)'), ...notFound, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await database.write(async (trx) => {
        const cancelled = await cancelRun(trx, id, now());
        const run = await runRepo.get(trx, id);
        if (cancelled && run) {
          await auditRepo.record(trx, { actor: c.get('principal'), action: 'run.cancel', targetId: id, details: { recipeId: run.recipe_id } }, now());
        }
        return run;
      });
      if (!row) return apiError(c, 404, 'RUN_NOT_FOUND', 'no such run');
      if (row.parent_run_id) deps.triggers.onEnqueued();
      return c.json(runSummaryView(row), 200);
    },
  );

  return router;
}
