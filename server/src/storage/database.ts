import type { Kysely, Transaction } from 'kysely';
import type { Tables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Tables>;
export type Trx = Transaction<Tables>;

/** The one storage handle every repository receives; the same interface on SQLite and PostgreSQL. */
export interface Database {
  readonly dialect: Dialect;
  readonly db: Db;
  /**
   * Runs `work` inside a write transaction shared with other writes queued at the same moment (group
   * commit): durability costs one commit per batch instead of one per write. Resolves after commit.
   */
  write<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  /**
   * Gives pages freed by deletions back to the file system and folds the WAL into the database (SQLite);
   * PostgreSQL's autovacuum does this by itself. At most `maxPages` pages per call, so it never holds the
   * writer for long.
   */
  reclaimSpace(maxPages: number): Promise<void>;
  /** Where the data lives, without credentials (for logs and `/readyz`). */
  readonly location: string;
  close(): Promise<void>;
}
