import { sql } from 'kysely';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { createId } from './create-id.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json-column.js';
import type { RecipeRow, RecipeVersionRow } from './tables.js';

export interface RecipeListFilter {
  folder?: string | undefined;
  search?: string | undefined;
  status?: string | undefined;
}

export const recipeRepo = {
  async create(
    ex: Db,
    input: { name: string; folder?: string | undefined; ownerId: string | null; definition: RecipeDefinition; now: number },
  ): Promise<{ recipe: RecipeRow; version: RecipeVersionRow }> {
    const recipeId = createId('rcp', input.now);
    const version: RecipeVersionRow = {
      id: createId('ver', input.now),
      recipe_id: recipeId,
      number: 1,
      definition: toJson(input.definition),
      created_at: input.now,
      created_by: input.ownerId,
    };
    const recipe: RecipeRow = {
      id: recipeId,
      name: input.name,
      folder: input.folder ?? '',
      owner_id: input.ownerId,
      status: 'draft',
      published_version_id: null,
      latest_version_id: version.id,
      created_at: input.now,
      updated_at: input.now,
    };
    await ex.insertInto('recipes').values(recipe).execute();
    await ex.insertInto('recipe_versions').values(version).execute();
    return { recipe, version };
  },

  get(ex: Db, id: string): Promise<RecipeRow | undefined> {
    return ex.selectFrom('recipes').selectAll().where('id', '=', id).executeTakeFirst();
  },

  list(ex: Db, filter: RecipeListFilter): Promise<RecipeRow[]> {
    let query = ex.selectFrom('recipes').selectAll().orderBy('updated_at', 'desc');
    if (filter.folder !== undefined) query = query.where('folder', '=', filter.folder);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.search) {
      // Wildcards are escaped, not stripped, so "order_sync" still finds itself; lower() on both sides because
      // LIKE ignores case on SQLite but not on PostgreSQL.
      const pattern = `%${filter.search.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
      query = query.where(sql<boolean>`lower(name) like ${pattern} escape '\\'`);
    }
    return query.execute();
  },

  async rename(ex: Db, id: string, changes: { name?: string | undefined; folder?: string | undefined }, now: number) {
    await ex
      .updateTable('recipes')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.folder !== undefined && { folder: changes.folder }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Versions are immutable: every save adds one, and the newest becomes the draft. */
  async addVersion(ex: Db, recipeId: string, definition: RecipeDefinition, by: string | null, now: number) {
    const last = await ex
      .selectFrom('recipe_versions')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('recipe_id', '=', recipeId)
      .executeTakeFirst();
    const version: RecipeVersionRow = {
      id: createId('ver', now),
      recipe_id: recipeId,
      number: Number(last?.n ?? 0) + 1,
      definition: toJson(definition),
      created_at: now,
      created_by: by,
    };
    await ex.insertInto('recipe_versions').values(version).execute();
    await ex
      .updateTable('recipes')
      .set({ latest_version_id: version.id, updated_at: now })
      .where('id', '=', recipeId)
      .execute();
    return version;
  },

  versions(ex: Db, recipeId: string): Promise<RecipeVersionRow[]> {
    return ex
      .selectFrom('recipe_versions')
      .selectAll()
      .where('recipe_id', '=', recipeId)
      .orderBy('number', 'desc')
      .execute();
  },

  version(ex: Db, id: string): Promise<RecipeVersionRow | undefined> {
    return ex.selectFrom('recipe_versions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async setStatus(ex: Db, id: string, status: string, publishedVersionId: string | null, now: number) {
    await ex
      .updateTable('recipes')
      .set({ status, published_version_id: publishedVersionId, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  async remove(ex: Db, id: string): Promise<boolean> {
    const result = await ex.deleteFrom('recipes').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  definitionOf(version: RecipeVersionRow): RecipeDefinition {
    return fromJson<RecipeDefinition>(version.definition)!;
  },
};
