import type { Kysely } from 'kysely';

// Every installed version of a pack is kept (recipes pin a major version); `manifest` is the validated
// manifest as JSON, `digest` its sha256 so reinstalling identical content is a no-op.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pack_versions')
    .addColumn('pack_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('major', 'integer', (c) => c.notNull())
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('installed_at', 'bigint', (c) => c.notNull())
    .addColumn('installed_by', 'text')
    .addPrimaryKeyConstraint('pack_versions_pk', ['pack_id', 'version'])
    .execute();
  await db.schema.createIndex('pack_versions_major').on('pack_versions').columns(['pack_id', 'major']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pack_versions').execute();
}
