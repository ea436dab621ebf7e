import type { Db } from './database.js';
import { fromJson, toJson } from './json-column.js';

export const kvRepo = {
  async get(ex: Db, scope: string, key: string): Promise<unknown> {
    const row = await ex.selectFrom('kv').select('value').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    return row ? fromJson(row.value) : undefined;
  },

  async set(ex: Db, scope: string, key: string, value: unknown, now: number): Promise<void> {
    const text = toJson(value);
    await ex
      .insertInto('kv')
      .values({ scope, key, value: text, updated_at: now })
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ value: text, updated_at: now }))
      .execute();
  },

  async delete(ex: Db, scope: string, key: string): Promise<boolean> {
    const result = await ex.deleteFrom('kv').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  list(ex: Db, scope: string): Promise<{ key: string; value: string; updated_at: number }[]> {
    return ex.selectFrom('kv').select(['key', 'value', 'updated_at']).where('scope', '=', scope).orderBy('key').execute();
  },
};
