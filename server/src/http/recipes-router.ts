import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createRecipeSchema, liveTriggerSchema, recipeListItemSchema, recipeSchema, recipeVersionSchema, updateRecipeSchema } from '../contracts/recipe.js';
import { recipeFileSchema, type RecipeDefinition, type RecipeFile } from '../contracts/recipe-definition.js';
import type { RunStatus } from '../contracts/run.js';
import { requireRole } from './middleware/authenticate.js';
import { auditRepo } from '../storage/audit-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { runRepo } from '../storage/run-repo.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { activateTrigger, describeTrigger } from '../triggers/activate-trigger.js';
import { PackActivationError, packTriggerLifecycle } from '../triggers/pack-trigger-lifecycle.js';
import { startManualRun } from '../triggers/sources/manual-source.js';
import type { Principal } from '../security/principal.js';
import type { AppDeps } from './app-deps.js';
import { apiError, invalid } from './api-error.js';
import { createRouter } from './create-router.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';
import { recipeFile, recipeView, versionView } from './recipe-view.js';
import { validateRecipeWithPacks } from './validate-recipe.js';

const notFound = { 404: errorResponse('no such recipe') };
const unprocessable = { 422: errorResponse('the recipe is invalid; every problem is listed with its JSON pointer') };

/** The definition exactly as sent (key order kept), once validated, so exports reproduce imports. */
function definitionAsSent(raw: Record<string, unknown>): RecipeDefinition {
  const { name: _name, folder: _folder, ...definition } = raw;
  return definition as RecipeDefinition;
}

export function recipesRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, now, publicUrl } = deps;
  const packChecks = { registry: deps.engine.registry, database };

  const load = async (id: string) => {
    const row = await recipeRepo.get(database.db, id);
    if (!row) return null;
    const latest = (await recipeRepo.version(database.db, row.latest_version_id))!;
    return { row, latest, view: recipeView(row, latest, await triggerRepo.byRecipe(database.db, id), publicUrl) };
  };

  router.openapi(
    createRoute({
      method: 'get',
      path: '/recipes',
      tags: ['recipes'],
      middleware: [requireRole('viewer')],
      request: { query: z.object({ folder: z.string().optional(), search: z.string().max(200).optional(), status: z.enum(['draft', 'live', 'paused']).optional() }) },
      responses: { 200: jsonResponse(z.object({ recipes: z.array(recipeListItemSchema) }), 'recipes, newest change first, each with its newest run'), ...standardErrors },
    }),
    async (c) => {
      const rows = await recipeRepo.list(database.db, c.req.valid('query'));
      const lastRuns = await runRepo.latestByRecipe(database.db, rows.map((row) => row.id));
      const recipes = [];
      for (const row of rows) {
        const run = lastRuns.get(row.id);
        const lastRun = run ? { id: run.id, status: run.status as RunStatus, createdAt: run.created_at, finishedAt: run.finished_at } : null;
        recipes.push({ ...(await load(row.id))!.view, lastRun });
      }
      return c.json({ recipes }, 200);
    },
  );

  const create = async (raw: Record<string, unknown>, body: z.output<typeof createRecipeSchema>, principal: Principal, imported: boolean) => {
    const { problems, definition } = await validateRecipeWithPacks(definitionAsSent(raw), packChecks);
    if (problems.length > 0) return { ok: false as const, problems };
    const recipe = await database.write(async (trx) => {
      const created = await recipeRepo.create(trx, { name: body.name, folder: body.folder, ownerId: principal.userId, definition, now: now() });
      const details = { name: created.recipe.name, folder: created.recipe.folder, versionId: created.version.id, imported };
      await auditRepo.record(trx, { actor: principal, action: 'recipe.create', targetId: created.recipe.id, details }, now());
      return created.recipe;
    });
    return { ok: true as const, view: (await load(recipe.id))!.view };
  };

  for (const path of ['/recipes', '/recipes/import'] as const) {
    router.openapi(
      createRoute({
        method: 'post',
        path,
        tags: ['recipes'],
        summary: path === '/recipes' ? 'Create a recipe (a draft)' : 'Import a recipe file',
        middleware: [requireRole('editor')],
        request: { body: jsonBody(path === '/recipes' ? createRecipeSchema : recipeFileSchema) },
        responses: { 201: jsonResponse(recipeSchema, 'created as a draft'), ...unprocessable, ...standardErrors },
      }),
      async (c) => {
        const result = await create(await c.req.json(), c.req.valid('json'), c.get('principal'), path === '/recipes/import');
        if (!result.ok) return invalid(c, result.problems);
        return c.json(result.view, 201);
      },
    );
  }

  router.openapi(
    createRoute({
      method: 'get',
      path: '/recipes/{id}',
      tags: ['recipes'],
      middleware: [requireRole('viewer')],
      request: { params: idParam },
      responses: { 200: jsonResponse(recipeSchema, 'the recipe with its newest definition'), ...notFound, ...standardErrors },
    }),
    async (c) => {
      const found = await load(c.req.valid('param').id);
      return found ? c.json(found.view, 200) : apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/recipes/{id}/export',
      tags: ['recipes'],
      middleware: [requireRole('viewer')],
      request: { params: idParam, query: z.object({ version: z.string().optional() }) },
      responses: { 200: jsonResponse(recipeFileSchema, 'the recipe file'), ...notFound, ...standardErrors },
    }),
    async (c) => {
      const found = await load(c.req.valid('param').id);
      if (!found) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const versionId = c.req.valid('query').version ?? found.row.latest_version_id;
      const version = await recipeRepo.version(database.db, versionId);
      if (!version || version.recipe_id !== found.row.id) return apiError(c, 404, 'VERSION_NOT_FOUND', 'no such version of this recipe');
      return c.json(recipeFile(found.row, recipeRepo.definitionOf(version)) as RecipeFile, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/recipes/{id}',
      tags: ['recipes'],
      summary: 'Rename, move, or save a new draft version',
      middleware: [requireRole('editor')],
      request: { params: idParam, body: jsonBody(updateRecipeSchema) },
      responses: { 200: jsonResponse(recipeSchema, 'updated'), ...notFound, ...unprocessable, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (!(await recipeRepo.get(database.db, id))) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const raw = (await c.req.json()) as { definition?: RecipeDefinition };
      if (raw.definition) {
        const checked = await validateRecipeWithPacks(raw.definition, packChecks, '/definition');
        if (checked.problems.length > 0) return invalid(c, checked.problems);
        raw.definition = checked.definition;
      }
      const principal = c.get('principal');
      await database.write(async (trx) => {
        if (body.name !== undefined || body.folder !== undefined) await recipeRepo.rename(trx, id, body, now());
        const version = raw.definition ? await recipeRepo.addVersion(trx, id, raw.definition, principal.userId, now()) : undefined;
        // The new values of what changed; a definition is named by its version, never copied (it may hold secrets).
        const details = {
          ...(body.name !== undefined && { name: body.name }),
          ...(body.folder !== undefined && { folder: body.folder }),
          ...(version && { versionId: version.id }),
        };
        await auditRepo.record(trx, { actor: principal, action: 'recipe.update', targetId: id, details }, now());
      });
      return c.json((await load(id))!.view, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/recipes/{id}',
      tags: ['recipes'],
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: { 204: { description: 'deleted with its runs' }, ...notFound, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await database.write(async (trx) => {
        const row = await recipeRepo.get(trx, id);
        if (!row) return false;
        const trigger = await triggerRepo.byRecipe(trx, id);
        await triggerRepo.deactivate(trx, id);
        await recipeRepo.remove(trx, id);
        await auditRepo.record(trx, { actor: c.get('principal'), action: 'recipe.delete', targetId: id, details: { name: row.name } }, now());
        return { trigger };
      });
      deps.webhooks.invalidate();
      deps.packWebhooks?.invalidate();
      if (deleted && deleted.trigger?.active === 1) await packTriggerLifecycle.release(deps.triggers, deleted.trigger);
      return deleted ? c.body(null, 204) : apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/recipes/{id}/versions',
      tags: ['recipes'],
      middleware: [requireRole('viewer')],
      request: { params: idParam },
      responses: { 200: jsonResponse(z.object({ versions: z.array(recipeVersionSchema) }), 'every version, newest first'), ...notFound, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await recipeRepo.get(database.db, id);
      if (!row) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const versions = await recipeRepo.versions(database.db, id);
      return c.json({ versions: versions.map((version) => versionView(version, row)) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/recipes/{id}/versions/{versionId}/restore',
      tags: ['recipes'],
      summary: 'Save an earlier version again as the new draft (the published version is left as it is)',
      middleware: [requireRole('editor')],
      request: { params: idParam.extend({ versionId: z.string().min(1).max(100) }) },
      responses: {
        201: jsonResponse(recipeVersionSchema, 'the new draft version'),
        404: errorResponse('no such recipe or version'),
        ...unprocessable,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id, versionId } = c.req.valid('param');
      if (!(await recipeRepo.get(database.db, id))) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const source = await recipeRepo.version(database.db, versionId);
      if (!source || source.recipe_id !== id) return apiError(c, 404, 'VERSION_NOT_FOUND', 'no such version of this recipe');
      // Checked like any save: an old version may use a pack that has since been removed.
      const checked = await validateRecipeWithPacks(recipeRepo.definitionOf(source), packChecks, '/definition');
      if (checked.problems.length > 0) return invalid(c, checked.problems);
      const principal = c.get('principal');
      const version = await database.write(async (trx) => {
        const added = await recipeRepo.addVersion(trx, id, checked.definition, principal.userId, now());
        const details = { versionId: added.id, restoredFrom: source.id, restoredNumber: source.number };
        await auditRepo.record(trx, { actor: principal, action: 'recipe.restore', targetId: id, details }, now());
        return added;
      });
      return c.json(versionView(version, (await recipeRepo.get(database.db, id))!), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/recipes/{id}/publish',
      tags: ['recipes'],
      summary: 'Make a version live and switch its trigger on',
      middleware: [requireRole('editor')],
      request: { params: idParam, body: { ...jsonBody(z.strictObject({ versionId: z.string().optional() })), required: false } },
      responses: {
        200: jsonResponse(z.object({ recipe: recipeSchema, trigger: liveTriggerSchema.nullable() }), 'live; the answer says where to send webhooks'),
        ...notFound,
        ...unprocessable,
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await recipeRepo.get(database.db, id);
      if (!row) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      // The body is optional: without one the validator hands over {} (a Content-Length check would drop chunked bodies).
      const versionId = c.req.valid('json').versionId ?? row.latest_version_id;
      const version = await recipeRepo.version(database.db, versionId);
      if (!version || version.recipe_id !== id) return apiError(c, 404, 'VERSION_NOT_FOUND', 'no such version of this recipe');
      const definition = recipeRepo.definitionOf(version);
      const { problems } = await validateRecipeWithPacks(definition, packChecks, '/definition');
      if (problems.length > 0) return invalid(c, problems);
      // Vendor calls (subscribe) happen before the transaction, never inside it; a failed write undoes them.
      let activation;
      try {
        activation = await packTriggerLifecycle.beforePublish(deps.triggers, definition.trigger, await triggerRepo.byRecipe(database.db, id));
      } catch (error) {
        if (!(error instanceof PackActivationError)) throw error;
        return invalid(c, [{ path: '/definition/trigger', message: error.message }]);
      }
      const trigger = await database
        .write(async (trx) => {
          await recipeRepo.setStatus(trx, id, 'live', version.id, now());
          const activated = await activateTrigger(trx, { recipeId: id, versionId: version.id, definition, now: now(), prepared: activation.pack });
          const details = { versionId: version.id, version: version.number };
          await auditRepo.record(trx, { actor: c.get('principal'), action: 'recipe.publish', targetId: id, details }, now());
          return activated;
        })
        .catch(async (error: unknown) => {
          await activation.undo();
          throw error;
        });
      await activation.committed();
      deps.webhooks.invalidate();
      deps.packWebhooks?.invalidate();
      return c.json({ recipe: (await load(id))!.view, trigger: describeTrigger(trigger, publicUrl) }, 200);
    },
  );

  for (const action of ['unpublish', 'pause'] as const) {
    router.openapi(
      createRoute({
        method: 'post',
        path: `/recipes/{id}/${action}`,
        tags: ['recipes'],
        summary: action === 'pause' ? 'Stop the trigger, keep the published version' : 'Stop the trigger and return to draft',
        middleware: [requireRole('editor')],
        request: { params: idParam },
        responses: { 200: jsonResponse(recipeSchema, 'the trigger is off'), ...notFound, ...standardErrors },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const row = await recipeRepo.get(database.db, id);
        if (!row) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
        const before = await database.write(async (trx) => {
          const trigger = await triggerRepo.byRecipe(trx, id);
          await triggerRepo.deactivate(trx, id);
          await recipeRepo.setStatus(trx, id, action === 'pause' ? 'paused' : 'draft', action === 'pause' ? row.published_version_id : null, now());
          await auditRepo.record(trx, { actor: c.get('principal'), action: `recipe.${action}`, targetId: id }, now());
          return trigger;
        });
        deps.webhooks.invalidate();
        deps.packWebhooks?.invalidate();
        if (before?.active === 1) await packTriggerLifecycle.release(deps.triggers, before);
        return c.json((await load(id))!.view, 200);
      },
    );
  }

  router.openapi(
    createRoute({
      method: 'post',
      path: '/recipes/{id}/run',
      tags: ['recipes'],
      summary: 'Run now with JSON input (the trigger body)',
      middleware: [requireRole('editor')],
      request: {
        params: idParam,
        body: jsonBody(z.strictObject({ input: z.unknown().optional(), version: z.enum(['published', 'latest']).default('published') })),
      },
      responses: { 202: jsonResponse(z.object({ runId: z.string() }), 'the run is queued'), ...notFound, ...unprocessable, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await recipeRepo.get(database.db, id);
      if (!row) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const versionId = body.version === 'latest' ? row.latest_version_id : row.published_version_id;
      if (!versionId) return apiError(c, 422, 'NOT_PUBLISHED', 'the recipe is not published; run the latest version with "version": "latest"');
      const version = (await recipeRepo.version(database.db, versionId))!;
      const { problems } = await validateRecipeWithPacks(recipeRepo.definitionOf(version), packChecks, '/definition');
      if (problems.length > 0) return invalid(c, problems);
      const principal = c.get('principal');
      const runId = await startManualRun(deps.triggers, { recipeId: id, versionId, body: body.input ?? {}, actor: principal.email });
      // The input is not recorded: it is the trigger body, which may carry secrets. The run keeps it.
      await auditRepo.record(database.db, { actor: principal, action: 'recipe.run', targetId: id, details: { runId, versionId } }, now());
      return c.json({ runId }, 202);
    },
  );

  return router;
}
