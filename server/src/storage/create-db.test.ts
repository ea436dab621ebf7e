import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';
import { openTestDatabase } from './test-databases.js';

describe('createDb', () => {
  it('opens SQLite files in WAL mode with foreign keys enforced', async () => {
    const { database, cleanup } = await openTestDatabase('sqlite');
    try {
      expect(database.dialect).toBe('sqlite');
      expect(database.location).toMatch(/^sqlite:\/.*switchyard\.db$/);
      const pragma = async (name: string) => (await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(database.db)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    } finally {
      await cleanup();
    }
  });

  it('keeps the PostgreSQL password out of its location', async () => {
    // The pool connects lazily, so this needs no server.
    const database = createDb({ url: 'postgres://switchyard:s3cret@db.internal:5432/switchyard' });
    expect(database.dialect).toBe('postgres');
    expect(database.location).toBe('postgres://switchyard@db.internal:5432/switchyard');
    await database.close();
  });
});
