import type { Kysely } from 'kysely';

// A connection is one authenticated account of a pack. `fields` holds what may be shown (JSON);
// `secrets` is one AES-256-GCM envelope holding every secret value, OAuth tokens included, so a token
// refresh that rotates the refresh token rewrites both in one statement. `revision` lets a writer detect
// that someone else changed the row in between (single-flight refresh across processes).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pack_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_message', 'text')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('secrets', 'text', (c) => c.notNull())
    .addColumn('token_expires_at', 'bigint')
    .addColumn('last_checked_at', 'bigint')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('connections_pack').on('connections').columns(['pack_id']).execute();
  await db.schema.createIndex('connections_token_expiry').on('connections').columns(['token_expires_at']).execute();
  // One row per OAuth authorization in flight; deleted when its callback arrives (single use) or expires.
  await db.schema
    .createTable('oauth_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('secrets', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_states').execute();
  await db.schema.dropTable('connections').execute();
}
