import type { Db } from './database.js';

export const settingsRepo = {
  /** Returns the stored value, creating it with `create()` the first time; safe when processes race. */
  async getOrCreate(ex: Db, key: string, create: () => string): Promise<string> {
    const existing = await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (existing) return existing.value;
    await ex.insertInto('settings').values({ key, value: create() }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const row = await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    return row.value;
  },
};
