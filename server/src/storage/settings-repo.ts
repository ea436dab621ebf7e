import type { Db } from './database.js';

export const settingsRepo = {
  /** Records `key` once; true for the one caller whose insert won, false for everyone after (or racing). */
  async claimOnce(ex: Db, key: string, value: string): Promise<boolean> {
    const inserted = await ex
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .execute();
    return inserted.length === 1;
  },

  async put(ex: Db, key: string, value: string): Promise<void> {
    await ex.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  },

  async get(ex: Db, key: string): Promise<string | undefined> {
    const row = await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  },

  /** Returns the stored value, creating it with `create()` the first time; safe when processes race. */
  async getOrCreate(ex: Db, key: string, create: () => string): Promise<string> {
    const existing = await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (existing) return existing.value;
    await ex.insertInto('settings').values({ key, value: create() }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    return row.value;
  },
};
