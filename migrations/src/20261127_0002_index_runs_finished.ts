import type { Kysely } from 'kysely';

// Retention deletes finished runs oldest first; without this index every sweep scans the runs table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('runs_finished').on('runs').column('finished_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('runs_finished').execute();
}
