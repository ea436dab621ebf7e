import { createRequire } from 'node:module';
import { join } from 'node:path';

interface SqliteConnection {
  pragma(source: string): unknown;
  prepare(source: string): { run(...params: unknown[]): { changes: number } };
  close(): void;
}
type SqliteConstructor = new (file: string, options: { fileMustExist: boolean }) => SqliteConnection;

const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteConstructor;

/**
 * Makes a recipe's poll trigger due now, as if its interval (at least 60 s) had passed: the trigger loop
 * sweeps due rows every second. Tests use it instead of waiting minutes; the poll itself is the server's own.
 */
export function pollNow(dataDir: string, recipeId: string): void {
  const db = new Database(join(dataDir, 'switchyard.db'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { changes } = db.prepare('update triggers set next_fire_at = ? where recipe_id = ? and active = 1').run(Date.now(), recipeId);
    if (changes !== 1) throw new Error(`recipe ${recipeId} has no live trigger to poll`);
  } finally {
    db.close();
  }
}
