import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { isUnavailable } from './unavailable-error.js';
import { TolerantSqliteDialect } from './tolerant-sqlite-dialect.js';

describe('TolerantSqliteDialect', () => {
  let db: Kysely<Record<string, never>> | null = null;
  afterEach(() => db?.destroy());

  function open() {
    const raw = new SqliteDatabase(':memory:');
    db = new Kysely({ dialect: new TolerantSqliteDialect(raw, raw) });
    return { raw, db };
  }

  it('lets a disk-full error through when SQLite has already rolled the transaction back', async () => {
    const { raw, db } = open();
    raw.exec('create table t (b blob)');
    // The database cannot grow: a row needing new pages fails with SQLITE_FULL, and SQLite ends the transaction.
    raw.pragma('max_page_count = 1');
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t (b) values (zeroblob(100000))`.execute(trx);
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL' });
    expect(isUnavailable(failure)).toBe(true);
    expect(raw.inTransaction).toBe(false);
  });

  it('still rolls back an open transaction when the work fails', async () => {
    const { raw, db } = open();
    raw.exec('create table t (n integer)');
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t (n) values (1)`.execute(trx);
        throw new Error('the work failed');
      })
      .catch((error: unknown) => error);
    expect((failure as Error).message).toBe('the work failed');
    expect(raw.inTransaction).toBe(false);
    expect(raw.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
  });
});
