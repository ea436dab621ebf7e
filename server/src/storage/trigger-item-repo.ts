import type { Db } from './database.js';
import { storedDedupeKey } from './inbox-repo.js';

// Both databases take a few thousand bind parameters per statement at most; a poll rarely sees more items.
const chunkSize = 300;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += chunkSize) out.push(values.slice(start, start + chunkSize));
  return out;
}

/**
 * Ids a poll trigger has seen (Zapier's contract: an id once seen never fires again). Keys are vendor
 * data, so long ones are stored as their hash, as inbox keys are.
 */
export const triggerItemRepo = {
  /** The subset of `keys` already recorded for the trigger. */
  async seen(ex: Db, triggerId: string, keys: readonly string[]): Promise<Set<string>> {
    const byStored = new Map(keys.map((key) => [storedDedupeKey(key), key]));
    const found = new Set<string>();
    for (const part of chunks([...byStored.keys()])) {
      const rows = await ex
        .selectFrom('trigger_items')
        .select('item_key')
        .where('trigger_id', '=', triggerId)
        .where('item_key', 'in', part)
        .execute();
      for (const row of rows) found.add(byStored.get(row.item_key)!);
    }
    return found;
  },

  /** Records keys; ones already there are left as they were. */
  async add(ex: Db, triggerId: string, keys: readonly string[], now: number): Promise<void> {
    const stored = [...new Set(keys.map(storedDedupeKey))];
    for (const part of chunks(stored)) {
      await ex
        .insertInto('trigger_items')
        .values(part.map((item_key) => ({ trigger_id: triggerId, item_key, seen_at: now })))
        .onConflict((oc) => oc.columns(['trigger_id', 'item_key']).doNothing())
        .execute();
    }
  },

  async count(ex: Db, triggerId: string): Promise<number> {
    const row = await ex
      .selectFrom('trigger_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('trigger_id', '=', triggerId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  async clear(ex: Db, triggerId: string): Promise<void> {
    await ex.deleteFrom('trigger_items').where('trigger_id', '=', triggerId).execute();
  },
};
