import type { Kysely } from 'kysely';

// `trigger_items`: ids a poll trigger has seen (Zapier's contract: an id once seen never fires again),
// kept apart from the inbox so inbox retention never makes an old item fire again.
// `throttles`: one row per throttled key (a connection) holding the GCRA "theoretical arrival time",
// advanced by one atomic UPDATE, so the limit holds across every run and process.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trigger_items')
    .addColumn('trigger_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('trigger_items_pk', ['trigger_id', 'item_key'])
    .execute();
  await db.schema
    .createTable('throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tat', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('throttles').execute();
  await db.schema.dropTable('trigger_items').execute();
}
