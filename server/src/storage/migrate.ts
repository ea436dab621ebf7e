import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '@switchyard/migrations';
import type { Database } from './database.js';

function migrator(database: Database): Migrator {
  return new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) throw result.error;
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}`);
}

/** Applies every pending migration; returns what ran. Safe to call from many processes at once. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  return unwrap(await migrator(database).migrateToLatest());
}

/** Reverts the newest migration (or all of them); used by round-trip tests and by operators. */
export async function migrateDown(database: Database, all = false): Promise<string[]> {
  const m = migrator(database);
  if (!all) return unwrap(await m.migrateDown());
  const { NO_MIGRATIONS } = await import('kysely');
  return unwrap(await m.migrateTo(NO_MIGRATIONS));
}
