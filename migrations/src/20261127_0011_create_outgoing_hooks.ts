import type { Kysely } from 'kysely';

// Outgoing REST hooks (Zapier, Make, n8n subscribe to Switchyard's events).
// `hook_subscriptions`: who wants which event (`run.succeeded`, `run.failed`, `run.finished`, `recipe.emitted`),
// optionally only one recipe's or one emit name's; the signing secret is sealed by the secret box.
// `unsubscribed_at` is set when the target answered 410 Gone: the row stays so its deliveries can be read.
// `hook_deliveries`: the outbox. A row is written in the transaction that ends the run (or records the
// emit), unique on (subscription, event key), so an event is neither lost nor queued twice; workers claim
// due rows with a lease. `hook_attempts`: one row per HTTP attempt of a delivery.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hook_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_url', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('recipe_id', 'text')
    .addColumn('emit_name', 'text')
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('unsubscribed_at', 'bigint')
    .execute();
  await db.schema.createIndex('hook_subscriptions_event').on('hook_subscriptions').columns(['event', 'unsubscribed_at']).execute();
  await db.schema.createIndex('hook_subscriptions_target').on('hook_subscriptions').column('target_url').execute();
  await db.schema
    .createTable('hook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('hook_subscriptions.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addUniqueConstraint('hook_deliveries_event_once', ['subscription_id', 'event_key'])
    .execute();
  await db.schema.createIndex('hook_deliveries_due').on('hook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema
    .createTable('hook_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('hook_deliveries.id').onDelete('cascade'))
    .addColumn('attempted_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('hook_attempts_delivery').on('hook_attempts').column('delivery_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hook_attempts').execute();
  await db.schema.dropTable('hook_deliveries').execute();
  await db.schema.dropTable('hook_subscriptions').execute();
}
