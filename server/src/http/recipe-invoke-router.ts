import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditRepo } from '../storage/audit-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { awaitRunResult } from '../triggers/sources/await-run-result.js';
import { invocableTriggers, startInvokedRun } from '../triggers/sources/invoke-run.js';
import type { AppDeps } from './app-deps.js';
import { apiError, invalid } from './api-error.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { validateRecipeWithPacks } from './validate-recipe.js';

const invokeBodySchema = z.strictObject({
  /** The trigger's body: `{{trigger.body.x}}`. */
  input: z.unknown().optional(),
  mode: z.enum(['accepted', 'result']).default('accepted'),
  /** With `result`: whose output to answer with (default: the run's last step). */
  step: z.string().min(1).max(100).optional(),
  /** With `result`: how long to wait before answering 202 with the run id instead. */
  timeoutMs: z.number().int().min(100).max(30_000).default(10_000),
});

const acceptedSchema = z.object({ runId: z.string(), duplicate: z.boolean(), status: z.enum(['queued', 'running']).optional() });
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * `POST /recipes/:id/invoke`: Switchyard as an action of another automation tool (a Zapier, Make or n8n
 * step). Runs the published version of a recipe whose trigger is core/manual or core/webhook (the ones whose
 * event is a JSON body); other triggers carry events the caller could not fake, so they are refused.
 */
export function recipeInvokeRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now } = deps;
  const packChecks = { registry: deps.engine.registry, database };

  router.openapi(
    createRoute({
      method: 'post',
      path: '/recipes/{id}/invoke',
      tags: ['recipes'],
      summary: 'Start a run of the published version with JSON input; with mode "result", wait for its output',
      description:
        'An `Idempotency-Key` header (1–255 visible ASCII characters) makes retries safe: the same key for the same recipe answers with the run the first call started.',
      middleware: [requireRole('editor')],
      request: { params: idParam, body: jsonBody(invokeBodySchema), headers: z.object({ 'idempotency-key': z.string().optional() }) },
      responses: {
        200: jsonResponse(z.unknown(), 'mode "result": the run succeeded; the chosen (or last) step’s output'),
        202: jsonResponse(acceptedSchema, 'queued (mode "accepted"), or still running when the wait ran out'),
        404: errorResponse('no such recipe'),
        409: errorResponse('the idempotency key was used for a run that no longer exists'),
        422: errorResponse('not published or paused, a trigger that cannot be invoked, an invalid definition or key, or (mode "result") the run failed: the error names the step'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const idempotencyKey = c.req.header('idempotency-key');
      if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
        return apiError(c, 422, 'INVALID_IDEMPOTENCY_KEY', 'the Idempotency-Key header must be 1 to 255 visible ASCII characters');
      }
      const row = await recipeRepo.get(database.db, id);
      if (!row) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      if (!row.published_version_id) return apiError(c, 422, 'NOT_PUBLISHED', 'the recipe is not published; publish it to invoke it');
      // Paused means its owner stopped it taking events; a call from another tool is one.
      if (row.status === 'paused') return apiError(c, 422, 'RECIPE_PAUSED', 'the recipe is paused; resume it (publish) to invoke it');
      const version = (await recipeRepo.version(database.db, row.published_version_id))!;
      const definition = recipeRepo.definitionOf(version);
      if (!invocableTriggers.includes(definition.trigger.use)) {
        const message = `a recipe triggered by ${definition.trigger.use} cannot be invoked; its trigger must be one of ${invocableTriggers.join(', ')}`;
        return invalid(c, [{ path: '/definition/trigger/use', message }]);
      }
      const { problems } = await validateRecipeWithPacks(definition, packChecks, '/definition');
      if (problems.length > 0) return invalid(c, problems);
      const principal = c.get('principal');
      const started = await startInvokedRun(deps.triggers, {
        recipeId: id,
        versionId: version.id,
        triggerKind: definition.trigger.use,
        body: body.input ?? {},
        actor: principal.email,
        idempotencyKey,
      });
      const runId = started.runId;
      if (runId === null) return apiError(c, 409, 'IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for a run that has since been deleted; use a new key');
      // The input is not recorded: it may carry secrets. The run keeps it.
      if (!started.duplicate) await auditRepo.record(database.db, { actor: principal, action: 'recipe.invoke', targetId: id, details: { runId, versionId: version.id } }, now());
      if (body.mode === 'accepted') return c.json({ runId, duplicate: started.duplicate, status: 'queued' as const }, 202);
      const result = await awaitRunResult(deps.triggers, runId, body);
      if (result.kind === 'running') return c.json({ runId, duplicate: started.duplicate, status: 'running' as const }, 202);
      if (result.kind === 'succeeded') return c.json(result.output, 200);
      // The caller may read this run anyway (GET /runs/:id), so the failed step's error is given in full.
      const failure = result.error;
      const where = failure?.step ? ` at step "${failure.step}"` : '';
      const message = `the run ${result.status}${where}${failure?.message ? `: ${failure.message}` : ''}`;
      return c.json({ error: { code: 'RUN_FAILED', message, runId, step: failure?.step ?? null, cause: failure?.code ?? null } }, 422);
    },
  );

  return router;
}
