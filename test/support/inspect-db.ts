import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The slice of better-sqlite3 used here (test/ has the package but not its @types). */
interface SqliteConnection {
  pragma(source: string): unknown;
  prepare(source: string): { all(...params: unknown[]): unknown[] };
  close(): void;
}
type SqliteConstructor = new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteConnection;

const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteConstructor;

/**
 * Read-only queries against a server's SQLite file, for assertions the API does not expose (inbox
 * rows, jobs, trigger ids). Opened per call and closed at once, so it never holds the file.
 */
export function queryDb<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'switchyard.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The id of the trigger row of a recipe (the API shows its live trigger but not the id). */
export function triggerIdOf(dataDir: string, recipeId: string): string {
  const [row] = queryDb<{ id: string }>(dataDir, 'select id from triggers where recipe_id = ?', recipeId);
  if (!row) throw new Error(`recipe ${recipeId} has no trigger row`);
  return row.id;
}

export function countRows(dataDir: string, sql: string, ...params: unknown[]): number {
  const [row] = queryDb<{ n: number }>(dataDir, sql, ...params);
  return Number(row?.n ?? 0);
}
