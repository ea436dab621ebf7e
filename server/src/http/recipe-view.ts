import type { Recipe, RecipeStatus, RecipeVersion } from '../contracts/recipe.js';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import type { RecipeRow, RecipeVersionRow, TriggerRow } from '../storage/tables.js';
import { describeTrigger } from '../triggers/activate-trigger.js';

export function recipeView(row: RecipeRow, latest: RecipeVersionRow, trigger: TriggerRow | undefined, publicUrl: string): Recipe {
  return {
    id: row.id,
    name: row.name,
    folder: row.folder,
    status: row.status as RecipeStatus,
    ownerId: row.owner_id,
    publishedVersionId: row.published_version_id,
    latestVersionId: row.latest_version_id,
    definition: recipeRepo.definitionOf(latest),
    trigger: describeTrigger(trigger, publicUrl),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function versionView(version: RecipeVersionRow, recipe: RecipeRow): RecipeVersion {
  const state =
    version.id === recipe.published_version_id ? 'published' : version.id === recipe.latest_version_id ? 'draft' : 'previous';
  return {
    id: version.id,
    recipeId: version.recipe_id,
    number: version.number,
    state,
    definition: recipeRepo.definitionOf(version),
    createdAt: version.created_at,
    createdBy: version.created_by,
  };
}

/** The recipe file: name first, then the definition exactly as it was saved, so export(import(f)) == f. */
export function recipeFile(row: RecipeRow, definition: RecipeDefinition): Record<string, unknown> {
  return { name: row.name, ...(row.folder && { folder: row.folder }), ...definition };
}
