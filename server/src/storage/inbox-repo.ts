import { createHash } from 'node:crypto';
import { createId } from './create-id.js';
import type { Db } from './database.js';
import { runRepo, type NewRun } from './run-repo.js';

export interface Delivery {
  source: string;
  dedupeKey: string;
  run: NewRun;
}

export interface IngestResult {
  /** The run this delivery started, or for a duplicate the run its first delivery started. */
  runId: string | null;
  duplicate: boolean;
}

/**
 * Keys are whatever senders put in a header or body field. PostgreSQL refuses NUL bytes in text and
 * index entries over ~2.7 KB, so such keys are stored as their hash, on both databases alike.
 */
export function storedDedupeKey(key: string): string {
  return key.length > 200 || key.includes('\u0000') ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key;
}

export const inboxRepo = {
  /**
   * Records deliveries and, for each one not seen before, its run and job, in the caller's transaction.
   * Uniqueness comes from the (source, dedupe_key) constraint, never from a read-then-write check, so
   * concurrent duplicates cannot both win.
   */
  async ingest(ex: Db, deliveries: Delivery[], now: number): Promise<IngestResult[]> {
    // An INSERT with no rows is a syntax error on both databases.
    if (deliveries.length === 0) return [];
    const rows = deliveries.map((d) => ({
      id: createId('inb', now),
      source: d.source,
      dedupe_key: storedDedupeKey(d.dedupeKey),
      run_id: d.run.id ?? createId('run', now),
      received_at: now,
    }));
    const inserted = await ex
      .insertInto('inbox')
      .values(rows)
      .onConflict((oc) => oc.columns(['source', 'dedupe_key']).doNothing())
      .returning(['id'])
      .execute();
    const insertedIds = new Set(inserted.map((row) => row.id));
    const fresh = deliveries.flatMap((d, index) =>
      insertedIds.has(rows[index]!.id) ? [{ ...d.run, id: rows[index]!.run_id }] : [],
    );
    await runRepo.createMany(ex, fresh, now);
    const results: IngestResult[] = [];
    for (const row of rows) {
      if (insertedIds.has(row.id)) {
        results.push({ runId: row.run_id, duplicate: false });
        continue;
      }
      // A duplicate answers with the run its first delivery created, so senders and `result` mode agree.
      const first = await ex
        .selectFrom('inbox')
        .select('run_id')
        .where('source', '=', row.source)
        .where('dedupe_key', '=', row.dedupe_key)
        .executeTakeFirst();
      results.push({ runId: first?.run_id ?? null, duplicate: true });
    }
    return results;
  },

  async count(ex: Db): Promise<number> {
    const row = await ex.selectFrom('inbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  },
};
