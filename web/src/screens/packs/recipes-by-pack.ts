import type { Recipe, StepDefinitionJson } from '@switchyard/server/contracts';

/** `pack/key` or `pack/key@2`: the pack id is what comes before the slash; `core` is built into the server. */
const packOf = (use: string): string | undefined => {
  const packId = /^([a-z0-9][a-z0-9-]*)\//.exec(use)?.[1];
  return packId === 'core' ? undefined : packId;
};

function* usesOf(steps: StepDefinitionJson[] | undefined, depth = 0): Generator<string> {
  // Recipes nest steps in loops, paths and error paths; the server bounds the depth, this guards anyway.
  if (!steps || depth > 50) return;
  for (const step of steps) {
    yield step.use;
    yield* usesOf(step.steps, depth + 1);
    for (const path of step.paths ?? []) yield* usesOf(path.steps, depth + 1);
    if (typeof step.onError === 'object') yield* usesOf(step.onError.steps, depth + 1);
  }
}

/** Which recipes (by their newest version) use each pack, for the packs list. */
export function recipesByPack(recipes: Pick<Recipe, 'id' | 'name' | 'definition'>[]): Map<string, { id: string; name: string }[]> {
  const byPack = new Map<string, { id: string; name: string }[]>();
  for (const recipe of recipes) {
    const uses = [recipe.definition.trigger.use, ...usesOf(recipe.definition.steps)];
    for (const packId of new Set(uses.map(packOf).filter((id): id is string => id !== undefined))) {
      byPack.set(packId, [...(byPack.get(packId) ?? []), { id: recipe.id, name: recipe.name }]);
    }
  }
  return byPack;
}
