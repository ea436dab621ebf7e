import type SqliteDatabase from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Kysely's SQLite dialect, except that a rollback is skipped when no transaction is open. SQLite ends
 * a transaction by itself on some errors (SQLITE_FULL, SQLITE_BUSY, I/O errors); Kysely's own rollback
 * would then fail with "no transaction is active" and hide the real error, so a full disk became a 500
 * instead of a 503 to retry. `database` is the handle Kysely runs statements on; `raw` the one to ask.
 */
export class TolerantSqliteDialect extends SqliteDialect {
  constructor(
    private readonly raw: SqliteDatabase.Database,
    private readonly database: SqliteDatabase.Database,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    const raw = this.raw;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (raw.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: this.database });
  }
}
