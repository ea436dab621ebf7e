import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { Tables } from './tables.js';
import { TolerantSqliteDialect } from './tolerant-sqlite-dialect.js';
import { createWriteBatcher } from './write-batcher.js';

export interface DbConfig {
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path (or `:memory:`). */
  url: string;
  /** Connections per process (PostgreSQL only). */
  poolSize?: number;
}

export function createDb(config: DbConfig): Database {
  return /^postgres(ql)?:\/\//.test(config.url) ? createPostgres(config) : createSqlite(config.url);
}

function createSqlite(file: string): Database {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    assertWritable(path);
  }
  const sqlite = new SqliteDatabase(path);
  // Takes effect on a new database (before the first table): deleted runs' pages can then be given back
  // to the file system by housekeeping's `incremental_vacuum` without rewriting the whole file.
  sqlite.pragma('auto_vacuum = INCREMENTAL');
  sqlite.pragma('journal_mode = WAL');
  // FULL: a webhook is acknowledged only after its commit is fsynced, so the acknowledged event survives
  // a process crash and a power cut alike (NORMAL in WAL mode survives only the former). Group commit
  // pays this fsync once per batch, not once per delivery.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  applyFaultTestPageLimit(sqlite, process.env.SWITCHYARD_SQLITE_MAX_PAGE_COUNT);
  const db = new Kysely<Tables>({ dialect: new TolerantSqliteDialect(sqlite, withStatementCache(sqlite)) });
  const batcher = createWriteBatcher(db, { maxBatch: 512, parallel: 1 });
  return {
    dialect: 'sqlite',
    db,
    write: batcher.write,
    // Through Kysely, `incremental_vacuum` frees one page per call (it is run, not stepped to the end), so
    // the raw handle does it, while Kysely's connection lock keeps every other query (and transaction) out.
    reclaimSpace: (maxPages) =>
      db.connection().execute(async () => {
        sqlite.pragma(`incremental_vacuum(${Math.max(1, Math.floor(maxPages))})`);
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      }),
    location: `sqlite:${path}`,
    async close() {
      await batcher.drain();
      await db.destroy();
    },
  };
}

/**
 * A read-only database would accept reads and fail every write: refuse to start instead, saying where.
 * The folder must be writable too, for SQLite's -wal and -shm files.
 */
function assertWritable(path: string): void {
  for (const target of existsSync(path) ? [path, dirname(path)] : [dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new Error(`the database is read-only: ${target} cannot be written by this process`);
    }
  }
}

/**
 * Fault tests only (test/e2e/disk-full): a full disk, simulated by capping this connection's file size
 * (SQLite never lowers the cap below the current size, so a small value means "no room to grow").
 */
function applyFaultTestPageLimit(sqlite: SqliteDatabase.Database, value: string | undefined): void {
  if (value === undefined || value === '') return;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`SWITCHYARD_SQLITE_MAX_PAGE_COUNT must be a positive whole number of pages, not "${value}"`);
  sqlite.pragma(`max_page_count = ${value}`);
}

/**
 * Kysely prepares every statement anew; preparing was 15% of the server's CPU under load. Statements
 * are reusable (better-sqlite3 runs them synchronously), so they are kept by SQL text, bounded.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value: unknown = Reflect.get(target, property, receiver);
        // Native methods must be called on the real database object, not on the proxy.
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          statement = prepare(source);
          if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}

// pg returns int8 as strings to avoid precision loss; our int8 columns are epoch-ms times, safe as numbers.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function createPostgres(config: DbConfig): Database {
  const poolSize = config.poolSize ?? 10;
  const pool = new pg.Pool({ connectionString: config.url, max: poolSize, types: pgTypes });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const batcher = createWriteBatcher(db, { maxBatch: 256, parallel: Math.max(1, Math.floor(poolSize / 2)) });
  const url = new URL(config.url);
  url.password = '';
  return {
    dialect: 'postgres',
    db,
    write: batcher.write,
    reclaimSpace: async () => undefined,
    location: url.toString(),
    async close() {
      await batcher.drain();
      await db.destroy();
    },
  };
}
