import type { Trx } from '../storage/database.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { RunRow } from '../storage/tables.js';

/** Starts a run of another recipe's published version on behalf of a `core/sub-recipe` step. */
export async function startChildRun(
  trx: Trx,
  input: { parent: RunRow; parentStepPath: string; recipeId: string; input: unknown; now: number; runTimeoutMs: number },
): Promise<{ ok: true; runId: string } | { ok: false; message: string }> {
  const recipe = await recipeRepo.get(trx, input.recipeId);
  if (!recipe || recipe.status !== 'live' || !recipe.published_version_id) {
    return { ok: false, message: `recipe ${input.recipeId} is not published, so it cannot be called` };
  }
  if (recipe.id === input.parent.recipe_id) return { ok: false, message: 'a recipe cannot call itself' };
  const [runId] = await runRepo.createMany(
    trx,
    [
      {
        recipeId: recipe.id,
        versionId: recipe.published_version_id,
        triggerKind: 'core/sub-recipe',
        event: { body: input.input, parent: { runId: input.parent.id, recipeId: input.parent.recipe_id } },
        deadlineAt: input.now + input.runTimeoutMs,
        parentRunId: input.parent.id,
        parentStepPath: input.parentStepPath,
      },
    ],
    input.now,
  );
  return { ok: true, runId: runId! };
}
