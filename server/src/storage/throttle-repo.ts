import { sql } from 'kysely';
import type { Db, Dialect } from './database.js';

export interface ThrottleSlot {
  /** The request may go at this time (ms epoch); `now` or later. */
  at: number;
}

/**
 * Per-key rate limits shared by every process: GCRA over the `throttles` table. Each key keeps a
 * "theoretical arrival time" (tat); a request admitted at `now` moves it to `max(tat, now) + interval`
 * in one atomic upsert, so concurrent takers (runs, processes) can never both get the same slot.
 */
export const throttleRepo = {
  /**
   * Takes the next slot of `key` unless it would start more than `maxWaitMs` from `now` (then nothing
   * changes and undefined comes back). `burstMs` is how far ahead slots may be handed out at once
   * (`intervalMs` = evenly spaced, no burst).
   */
  async take(ex: Db, dialect: Dialect, key: string, options: { now: number; intervalMs: number; burstMs: number; maxWaitMs: number }): Promise<ThrottleSlot | undefined> {
    const { now, intervalMs, burstMs, maxWaitMs } = options;
    const greatest = dialect === 'postgres' ? sql.raw('greatest') : sql.raw('max');
    const advanced = sql<number>`${greatest}(throttles.tat, cast(${now} as bigint)) + cast(${intervalMs} as bigint)`;
    const row = await ex
      .insertInto('throttles')
      .values({ key, tat: now + intervalMs })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ tat: advanced })
          .where(sql<boolean>`${advanced} - cast(${burstMs} as bigint) <= cast(${now + maxWaitMs} as bigint)`),
      )
      .returning('tat')
      .executeTakeFirst();
    if (!row) return undefined;
    return { at: Math.max(now, Number(row.tat) - burstMs) };
  },

  /** When `key` would next admit a request without waiting (for a Retry-After), or undefined if unknown. */
  async nextFreeAt(ex: Db, key: string, burstMs: number, intervalMs: number): Promise<number | undefined> {
    const row = await ex.selectFrom('throttles').select('tat').where('key', '=', key).executeTakeFirst();
    return row ? Number(row.tat) + intervalMs - burstMs : undefined;
  },
};
