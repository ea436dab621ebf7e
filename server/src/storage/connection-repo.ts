import type { Insertable, Updateable } from 'kysely';
import type { Db } from './database.js';
import type { ConnectionRow, Tables } from './tables.js';

export type NewConnectionRow = Omit<Insertable<Tables['connections']>, 'revision'>;
export type ConnectionChanges = Omit<Updateable<Tables['connections']>, 'id' | 'revision' | 'pack_id' | 'created_at'> & { updated_at: number };
export type OAuthStateRow = Tables['oauth_states'];

/** Connection rows and OAuth states as stored: encrypted columns stay opaque here (connections/ seals them). */
export const connectionRepo = {
  async insert(ex: Db, row: NewConnectionRow): Promise<void> {
    await ex.insertInto('connections').values(row).execute();
  },

  get(ex: Db, id: string): Promise<ConnectionRow | undefined> {
    return ex.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
  },

  list(ex: Db, filter: { packId?: string | undefined }): Promise<ConnectionRow[]> {
    let query = ex.selectFrom('connections').selectAll().orderBy('id');
    if (filter.packId !== undefined) query = query.where('pack_id', '=', filter.packId);
    return query.execute();
  },

  /**
   * Applies `changes` and bumps the revision. With `expectedRevision` it is a compare-and-swap: false when
   * someone else wrote the row first (or it is gone), and nothing changed.
   */
  async update(ex: Db, id: string, changes: ConnectionChanges, expectedRevision?: number): Promise<boolean> {
    let query = ex
      .updateTable('connections')
      .set((eb) => ({ ...changes, revision: eb('revision', '+', 1) }))
      .where('id', '=', id);
    if (expectedRevision !== undefined) query = query.where('revision', '=', expectedRevision);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /**
   * Health only (test results): leaves `revision` alone, so it never makes a token refresh in flight lose
   * its compare-and-swap.
   */
  async setHealth(ex: Db, id: string, health: { status: string; status_message: string | null; last_checked_at: number }): Promise<void> {
    await ex.updateTable('connections').set(health).where('id', '=', id).execute();
  },

  async remove(ex: Db, id: string): Promise<boolean> {
    await ex.deleteFrom('oauth_states').where('connection_id', '=', id).execute();
    const result = await ex.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  },

  /** Healthy connections whose access token expires at or before `before`, soonest first. */
  expiringBefore(ex: Db, before: number, limit: number): Promise<ConnectionRow[]> {
    return ex
      .selectFrom('connections')
      .selectAll()
      .where('token_expires_at', '<=', before)
      .where('status', '=', 'ok')
      .orderBy('token_expires_at')
      .limit(limit)
      .execute();
  },

  async insertOAuthState(ex: Db, row: OAuthStateRow): Promise<void> {
    await ex.insertInto('oauth_states').values(row).execute();
  },

  /** Deletes and returns the state in one statement, so of two callbacks with the same state only one gets it. */
  takeOAuthState(ex: Db, stateHash: string): Promise<OAuthStateRow | undefined> {
    return ex.deleteFrom('oauth_states').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
  },

  async purgeOAuthStates(ex: Db, now: number): Promise<number> {
    const result = await ex.deleteFrom('oauth_states').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /**
   * Published and latest versions whose definition mentions `connectionId` anywhere: a coarse text match
   * the caller confirms by reading the definition.
   */
  versionsMentioning(ex: Db, connectionId: string) {
    return ex
      .selectFrom('recipes')
      .innerJoin('recipe_versions', 'recipe_versions.recipe_id', 'recipes.id')
      .select(['recipes.id as recipeId', 'recipes.name as recipeName', 'recipe_versions.definition as definition'])
      .where((eb) =>
        eb.or([eb('recipe_versions.id', '=', eb.ref('recipes.published_version_id')), eb('recipe_versions.id', '=', eb.ref('recipes.latest_version_id'))]),
      )
      .where('recipe_versions.definition', 'like', `%${connectionId}%`)
      .execute();
  },
};
