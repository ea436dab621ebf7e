import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditRepo } from '../storage/audit-repo.js';
import { fromJson } from '../storage/json-column.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { runRepo } from '../storage/run-repo.js';
import { arrangesSteps, findStepById, testStep } from '../runs/test-step.js';
import { testDeliveryTarget } from '../triggers/testing/capture-test-delivery.js';
import { testTriggerStore, type TestListener } from '../triggers/testing/test-trigger-store.js';
import { requireRole } from './middleware/authenticate.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { createRouter } from './create-router.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';

const notFound = { 404: errorResponse('no such recipe (or step)') };
const recentRunsShown = 10;

const listenerSchema = z.object({ url: z.string(), expiresAt: z.number() });
const capturedSchema = z.object({
  id: z.string(),
  capturedAt: z.number(),
  /** null for a refused delivery. */
  event: z.unknown(),
  refused: z.object({ code: z.string(), message: z.string() }).optional().describe('set when the delivery was refused (a bad signature, say) or filtered out: never a sample'),
});
const stepTestSchema = z.object({
  ok: z.boolean(),
  input: z.unknown(),
  output: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Set for a step that would park a run (delay, approval, sub-recipe): what it would wait for. */
  wouldPark: z.string().optional(),
  ms: z.number(),
});
const sampleBodySchema = z.strictObject({
  sample: z
    .strictObject({
      trigger: z.unknown().optional(),
      /** Earlier steps' outputs by step id, as `{{steps.<id>.output}}` reads them. */
      steps: z.record(z.string(), z.unknown()).default({}),
    })
    .default({ steps: {} }),
});

/** The builder's testing tools: capture a webhook without running, earlier trigger events, and one step run on samples. */
export function recipeTestingRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now, publicUrl } = deps;
  const listenerView = (listener: TestListener) => ({ url: `${publicUrl}/hooks/test/${listener.token}`, expiresAt: listener.expiresAt });
  const latestDefinition = async (id: string) => {
    const row = await recipeRepo.get(database.db, id);
    return row ? recipeRepo.definitionOf((await recipeRepo.version(database.db, row.latest_version_id))!) : null;
  };

  router.openapi(
    createRoute({
      method: 'post',
      path: '/recipes/{id}/test-trigger',
      tags: ['recipes'],
      summary: 'A temporary URL whose webhook deliveries are kept for testing instead of starting runs (core/webhook, or a pack webhook or subscription trigger, verified with its connection)',
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: {
        201: jsonResponse(listenerSchema, 'send a delivery here within ten minutes; earlier test captures are dropped'),
        ...notFound,
        422: errorResponse("the recipe's trigger takes no webhook deliveries (a poll, schedule or manual trigger)"),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const definition = await latestDefinition(id);
      if (!definition) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      if (!(await testDeliveryTarget(deps.triggers, id))) {
        const message = `only webhook triggers (core/webhook, or a pack's webhook or subscription trigger) take test deliveries; this recipe uses ${definition.trigger.use}: load recent events or use its sample`;
        return apiError(c, 422, 'NOT_A_WEBHOOK_RECIPE', message);
      }
      return c.json(listenerView(await testTriggerStore.listen(database, id, now())), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/recipes/{id}/test-trigger',
      tags: ['recipes'],
      summary: 'The test URL and the deliveries it caught, newest first',
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ listening: listenerSchema.nullable(), events: z.array(capturedSchema) }), 'the test URL (null once expired) and its captures'),
        ...notFound,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await recipeRepo.get(database.db, id))) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const listener = await testTriggerStore.current(database, id, now());
      return c.json({ listening: listener ? listenerView(listener) : null, events: await testTriggerStore.events(database, id, now()) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/recipes/{id}/trigger-samples',
      tags: ['recipes'],
      summary: "Trigger events of the recipe's recent runs, and the trigger's own sample",
      middleware: [requireRole('viewer')],
      request: { params: idParam },
      responses: {
        200: jsonResponse(
          z.object({ recent: z.array(z.object({ runId: z.string(), createdAt: z.number(), event: z.unknown() })), sample: z.unknown() }),
          'recent events newest first; the sample is the pack trigger’s (or a manual trigger’s), null when it has none',
        ),
        ...notFound,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const definition = await latestDefinition(id);
      if (!definition) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const runs = await runRepo.list(database.db, { recipeId: id, limit: recentRunsShown });
      const recent = runs.map((run) => ({ runId: run.id, createdAt: run.created_at, event: fromJson(run.trigger_event) }));
      const { use, input } = definition.trigger;
      const sample = use === 'core/manual' ? (input?.sample ?? null) : use.startsWith('core/') ? null : ((await deps.engine.registry.trigger(use))?.trigger.sample ?? null);
      return c.json({ recent, sample }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/recipes/{id}/steps/{stepId}/test',
      tags: ['recipes'],
      summary: "Run one step of the recipe's newest version on sample data, outside any run (its effects are real)",
      middleware: [requireRole('editor')],
      request: { params: idParam.extend({ stepId: z.string().min(1).max(100) }), body: jsonBody(sampleBodySchema) },
      responses: {
        200: jsonResponse(stepTestSchema, 'what the step did: its rendered input and its output or error'),
        ...notFound,
        422: errorResponse('loops and paths are not tested as a whole'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id, stepId } = c.req.valid('param');
      const { sample } = c.req.valid('json');
      const definition = await latestDefinition(id);
      if (!definition) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const located = findStepById(definition.steps, stepId);
      const step = located?.step;
      if (!located || !step) return apiError(c, 404, 'STEP_NOT_FOUND', `the newest version of this recipe has no step "${stepId}"`);
      if (arrangesSteps(step.use)) {
        return apiError(c, 422, 'NOT_TESTABLE', `${step.use} only arranges other steps; test the steps inside it`);
      }
      const steps = Object.fromEntries(Object.entries(sample.steps).map(([stepKey, output]) => [stepKey, { output }]));
      const result = await testStep(deps.engine, id, located, { trigger: sample.trigger ?? null, steps });
      // Recorded like a run: the step acted for real. The sample is not kept (it may carry secrets).
      const details = { stepId, use: step.use, ok: result.ok };
      await auditRepo.record(database.db, { actor: c.get('principal'), action: 'recipe.test-step', targetId: id, details }, now());
      return c.json(result, 200);
    },
  );

  return router;
}
