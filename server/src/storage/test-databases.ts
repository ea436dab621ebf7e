import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { createDb } from './create-db.js';
import type { Database, Dialect } from './database.js';
import { migrateToLatest } from './migrate.js';
import { recipeRepo } from './recipe-repo.js';

/** Every storage test runs on both databases; PostgreSQL being down is a failure, never a skip. */
export const dialects: Dialect[] = ['sqlite', 'postgres'];

// CI may point elsewhere; locally PostgreSQL runs with trust auth on the default port.
const adminUrl = process.env['SWITCHYARD_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  database: Database;
  /** A second, independent handle (own connections, own batcher) on the same data, closed by cleanup. */
  openAnother(): Database;
  cleanup(): Promise<void>;
}

/**
 * A fresh, empty database: SQLite as a file in a new temp dir (so WAL behaves as in production), or a new
 * PostgreSQL database created for this test and dropped afterwards. `migrated` applies every migration.
 */
export async function openTestDatabase(dialect: Dialect, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const target = dialect === 'sqlite' ? await createSqliteFile() : await createPostgresDatabase();
  const handles: Database[] = [];
  const open = (): Database => {
    const handle = createDb({ url: target.url });
    handles.push(handle);
    return handle;
  };
  const database = open();
  if (options.migrated) await migrateToLatest(database);
  return {
    database,
    openAnother: open,
    async cleanup() {
      await Promise.all(handles.map((handle) => handle.close()));
      await target.remove();
    },
  };
}

/**
 * The set-up of a `describe.each(dialects)` block: a fresh migrated database opened before its tests and
 * removed after them. It exists only once `beforeAll` has run, so `database` stands in for it and
 * forwards to it (use it inside hooks and tests, not while the block is being defined).
 */
export function useMigratedDatabase(dialect: Dialect): { database: Database; openAnother(): Database } {
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    return () => test!.cleanup();
  });
  const opened = (): TestDatabase => {
    if (!test) throw new Error('the test database is opened in beforeAll: use it inside hooks and tests');
    return test;
  };
  const database: Database = {
    dialect,
    get db() {
      return opened().database.db;
    },
    get location() {
      return opened().database.location;
    },
    write: (work) => opened().database.write(work),
    reclaimSpace: (maxPages) => opened().database.reclaimSpace(maxPages),
    close: () => opened().database.close(),
  };
  return { database, openAnother: () => opened().openAnother() };
}

async function createSqliteFile(): Promise<{ url: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sy-storage-'));
  return { url: join(dir, 'switchyard.db'), remove: () => rm(dir, { recursive: true, force: true }) };
}

async function createPostgresDatabase(): Promise<{ url: string; remove(): Promise<void> }> {
  const name = `sy_${randomBytes(8).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), remove: () => withAdmin((client) => dropDatabase(client, name)) };
}

async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  // pg's pool.end() resolves before its backends have exited; FORCE would then kill them mid-goodbye and
  // their clients would raise an uncaught error. So wait briefly for them, and force only what a test leaked.
  for (let tries = 0; tries < 200; tries++) {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (rows[0]!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function withAdmin(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export const testDefinition: RecipeDefinition = { trigger: { use: 'core/webhook' }, steps: [] };

/** Runs, triggers and versions reference a recipe, so most repository tests start from one. */
export async function seedRecipe(database: Database, now = 1_000, name = 'Seeded recipe') {
  return database.write((trx) => recipeRepo.create(trx, { name, ownerId: null, definition: testDefinition, now }));
}
