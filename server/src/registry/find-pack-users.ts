import type { Db } from '../storage/database.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { parseUse } from './parse-use.js';
import { recipeUses } from './recipe-uses.js';

export interface PackUser {
  recipeId: string;
  name: string;
}

/**
 * Which major a removal takes away. `unpinnedToo` when the major is the newest installed: a bare
 * `pack/key` resolves to it, so those recipes lose their step as well.
 */
export interface MajorScope {
  major: number;
  unpinnedToo: boolean;
}

/**
 * Recipes whose published or newest version has a trigger or step from `packId` (within `scope`, when
 * given). Older versions are not looked at: restoring one is a new save, which is checked then.
 */
export async function findPackUsers(ex: Db, packId: string, scope?: MajorScope): Promise<PackUser[]> {
  const users: PackUser[] = [];
  for (const recipe of await recipeRepo.list(ex, {})) {
    const versionIds = new Set([recipe.latest_version_id, recipe.published_version_id].filter((id): id is string => id !== null));
    let uses = false;
    for (const versionId of versionIds) {
      const version = await recipeRepo.version(ex, versionId);
      if (!version) continue;
      uses ||= recipeUses(recipeRepo.definitionOf(version)).some(({ use }) => {
        const parsed = parseUse(use);
        if (parsed?.packId !== packId) return false;
        if (!scope) return true;
        return parsed.major === undefined ? scope.unpinnedToo : parsed.major === scope.major;
      });
    }
    if (uses) users.push({ recipeId: recipe.id, name: recipe.name });
  }
  return users.sort((a, b) => a.name.localeCompare(b.name));
}
