import type { Db } from './database.js';
import type { SignInProviderRow } from './tables.js';

/** Sign-in providers configured in settings (those from the environment are never stored). */
export const signInProviderRepo = {
  list(ex: Db): Promise<SignInProviderRow[]> {
    return ex.selectFrom('sign_in_providers').selectAll().orderBy('created_at').execute();
  },

  byId(ex: Db, id: string): Promise<SignInProviderRow | undefined> {
    return ex.selectFrom('sign_in_providers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async save(ex: Db, row: SignInProviderRow): Promise<void> {
    const { id: _id, created_at: _created, ...changes } = row;
    await ex
      .insertInto('sign_in_providers')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
  },

  async remove(ex: Db, id: string): Promise<boolean> {
    const result = await ex.deleteFrom('sign_in_providers').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
