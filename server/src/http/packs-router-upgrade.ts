import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { packChangeSchema } from '../contracts/pack.js';
import { problemSchema } from '../contracts/problem.js';
import { packChanges } from '../registry/pack-changes.js';
import { planPackUpgrade } from '../registry/plan-pack-upgrade.js';
import { auditRepo } from '../storage/audit-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import type { AppDeps } from './app-deps.js';
import { apiError, invalid } from './api-error.js';
import type { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';

const upgradedSchema = z.object({
  versionId: z.string().describe('the new draft version; the published version is untouched'),
  from: z.string().nullable().describe('the version the steps resolved to before'),
  to: z.string(),
  repinned: z.array(z.string()).describe('JSON pointers of the steps (and trigger) now pinned to the new major'),
  changes: z.array(packChangeSchema),
  warnings: z.array(problemSchema).describe('step inputs dropped because the new version has no such field'),
});

/**
 * `POST /recipes/{id}/upgrade-pack`: re-pins the newest version's steps of one pack to another major as a
 * new draft. Refused with 422 (nothing saved) when a step's action is gone or a required field is empty;
 * values for new required fields come in `inputs` (the old major would refuse them as unknown fields).
 */
export function upgradePackRoute(router: ReturnType<typeof createRouter>, deps: AppDeps) {
  const { database, packs, now } = deps;
  router.openapi(
    createRoute({
      method: 'post',
      path: '/recipes/{id}/upgrade-pack',
      tags: ['recipes', 'packs'],
      summary: "Move a recipe's steps of one pack to another major version, as a new draft",
      middleware: [requireRole('editor')],
      request: {
        params: idParam,
        body: jsonBody(
          z.strictObject({
            pack: z.string().min(1).max(64),
            toMajor: z.number().int().min(0).max(1_000_000),
            inputs: z
              .record(z.string().max(64), z.record(z.string().max(64), z.unknown()))
              .optional()
              .describe('values for fields the new major requires, by step id (`trigger` for the trigger)'),
          }),
        ),
      },
      responses: {
        200: jsonResponse(upgradedSchema, 'a new draft with the steps re-pinned'),
        404: errorResponse('no such recipe, or the pack has no such major installed'),
        422: errorResponse('steps that would not work on the new major; every problem is listed with its JSON pointer'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { pack: packId, toMajor, inputs } = c.req.valid('json');
      const recipe = await recipeRepo.get(database.db, id);
      if (!recipe) return apiError(c, 404, 'RECIPE_NOT_FOUND', 'no such recipe');
      const target = await packs.pack(packId, toMajor);
      if (!target) return apiError(c, 404, 'PACK_NOT_FOUND', `${packId} ${toMajor}.x is not installed`);
      const latest = (await recipeRepo.version(database.db, recipe.latest_version_id))!;
      const plan = await planPackUpgrade(recipeRepo.definitionOf(latest), packId, toMajor, packs, inputs);
      if (plan.repinned.length === 0 && plan.problems.length === 0) {
        return invalid(c, [{ path: '/pack', message: `the recipe has no step or trigger from ${packId}` }]);
      }
      if (plan.problems.length > 0) return invalid(c, plan.problems);
      // The changes are shown from what the first re-pinned step used (a bare use meant the newest major).
      const fromMajor = plan.fromMajors[0];
      const before = await packs.pack(packId, fromMajor ?? undefined);
      const principal = c.get('principal');
      const version = await database.write(async (trx) => {
        const added = await recipeRepo.addVersion(trx, id, plan.definition, principal.userId, now());
        const details = { pack: packId, toMajor, versionId: added.id };
        await auditRepo.record(trx, { actor: principal, action: 'recipe.upgrade-pack', targetId: id, details }, now());
        return added;
      });
      return c.json(
        {
          versionId: version.id,
          from: before?.version ?? null,
          to: target.version,
          repinned: plan.repinned,
          changes: before ? packChanges(before.manifest, target.manifest) : [],
          warnings: plan.warnings,
        },
        200,
      );
    },
  );
}
