import type { KeyValueStore } from '../steps/define-step.js';
import { kvRepo } from '../storage/kv-repo.js';
import type { EngineDeps } from './engine-deps.js';

/** The store `core/storage` uses in a recipe: its `recipe` scope is that recipe's own, `global` is shared. */
export function recipeKvStore(deps: Pick<EngineDeps, 'database' | 'now'>, recipeId: string): KeyValueStore {
  const { database, now } = deps;
  const scopeName = (scope: string) => (scope === 'global' ? 'global' : `recipe:${recipeId}`);
  return {
    get: (scope, key) => kvRepo.get(database.db, scopeName(scope), key),
    set: (scope, key, value) => database.write((trx) => kvRepo.set(trx, scopeName(scope), key, value, now())),
    delete: (scope, key) => database.write((trx) => kvRepo.delete(trx, scopeName(scope), key)),
    increment: (scope, key, by) => database.write((trx) => kvRepo.increment(trx, database.dialect, scopeName(scope), key, by, now())),
  };
}
