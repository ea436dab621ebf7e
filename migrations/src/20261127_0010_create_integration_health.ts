import type { Kysely } from 'kysely';

// `connection_daily`: calls and failures per connection per UTC day (`day` = epoch ms / 86 400 000), added to
// by every process from in-memory tallies, so a vendor call costs no write of its own.
// `health_alerts`: one row per raised condition (a connection needing reconnection, a webhook trigger gone
// silent); a condition is raised once and mailed once until it clears.
// `inbox_source_received`: events per trigger per day are read from the inbox, per trigger and time range.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connection_daily')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_call_at', 'bigint', (c) => c.notNull())
    .addColumn('last_failure_at', 'bigint')
    .addColumn('last_failure', 'text')
    .addPrimaryKeyConstraint('connection_daily_pk', ['connection_id', 'day'])
    .execute();
  await db.schema
    .createTable('health_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'bigint', (c) => c.notNull())
    .addColumn('cleared_at', 'bigint')
    .addColumn('notified_at', 'bigint')
    .execute();
  await db.schema.createIndex('health_alerts_open').on('health_alerts').columns(['subject_id', 'condition', 'cleared_at']).execute();
  await db.schema.createIndex('inbox_source_received').on('inbox').columns(['source', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('inbox_source_received').execute();
  await db.schema.dropTable('health_alerts').execute();
  await db.schema.dropTable('connection_daily').execute();
}
