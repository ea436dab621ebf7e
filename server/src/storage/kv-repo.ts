import type { Db, Dialect } from './database.js';
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

  /**
   * Adds `by` to a numeric value (missing or not a number counts as 0) and returns the new value. The row
   * is created first and then locked, so on PostgreSQL concurrent increments wait for each other instead of
   * reading the same value and losing all but one; SQLite has a single writer, so nothing to lock.
   */
  async increment(ex: Db, dialect: Dialect, scope: string, key: string, by: number, now: number): Promise<number> {
    await ex
      .insertInto('kv')
      .values({ scope, key, value: '0', updated_at: now })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .execute();
    let current = ex.selectFrom('kv').select('value').where('scope', '=', scope).where('key', '=', key);
    if (dialect === 'postgres') current = current.forUpdate();
    const stored = Number(fromJson((await current.executeTakeFirstOrThrow()).value) ?? 0);
    const value = (Number.isFinite(stored) ? stored : 0) + by;
    await ex.updateTable('kv').set({ value: toJson(value), updated_at: now }).where('scope', '=', scope).where('key', '=', key).execute();
    return value;
  },

  async delete(ex: Db, scope: string, key: string): Promise<boolean> {
    const result = await ex.deleteFrom('kv').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  list(ex: Db, scope: string): Promise<{ key: string; value: string; updated_at: number }[]> {
    return ex.selectFrom('kv').select(['key', 'value', 'updated_at']).where('scope', '=', scope).orderBy('key').execute();
  },
};
