import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { migrations } from '@switchyard/migrations';
import { migrateDown, migrateToLatest } from './migrate.js';
import type { Tables } from './tables.js';
import { dialects, openTestDatabase, type TestDatabase } from './test-databases.js';

// Typed against Tables so a table added to the row types but forgotten in a migration fails here.
const everyTable: Record<keyof Tables, true> = {
  users: true, sessions: true, api_tokens: true, recipes: true, recipe_versions: true, triggers: true,
  runs: true, run_steps: true, inbox: true, jobs: true, kv: true, settings: true, login_attempts: true, audit_log: true,
  connections: true, oauth_states: true, pack_versions: true, trigger_items: true, throttles: true,
  sign_in_providers: true, sign_in_states: true, user_identities: true, invitations: true,
  connection_daily: true, health_alerts: true, hook_subscriptions: true, hook_deliveries: true, hook_attempts: true,
};
const expectedTables = Object.keys(everyTable).sort();
const names = Object.keys(migrations);
const allUp = names.map((name) => `Up ${name}`);
const allDown = [...names].reverse().map((name) => `Down ${name}`);

async function tableNames(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.map((table) => table.name).sort();
}

describe.each(dialects)('migrations on %s', (dialect) => {
  let test: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    test = await openTestDatabase(dialect);
    database = test.database;
    return () => test.cleanup();
  });
  // One database per dialect keeps this file fast; reverting everything first makes each test start empty.
  beforeEach(async () => {
    await migrateDown(database, true);
  });

  it('creates every table on an empty database, and a second run applies nothing', async () => {
    expect(await tableNames(database)).toEqual([]);
    expect(await migrateToLatest(database)).toEqual(allUp);
    expect(await tableNames(database)).toEqual(expectedTables);
    expect(await migrateToLatest(database)).toEqual([]);
  });

  it('round-trips up, down (all) and up again, twice', async () => {
    for (let round = 0; round < 2; round++) {
      await migrateToLatest(database);
      expect(await tableNames(database)).toEqual(expectedTables);
      expect(await migrateDown(database, true)).toEqual(allDown);
      expect(await tableNames(database)).toEqual([]);
    }
    await migrateToLatest(database);
    expect(await tableNames(database)).toEqual(expectedTables);
  });

  it('migrateDown without `all` reverts only the newest migration, one at a time', async () => {
    await migrateToLatest(database);
    for (const down of allDown) expect(await migrateDown(database)).toEqual([down]);
    expect(await tableNames(database)).toEqual([]);
  });
});

describe('migrations on postgres from many processes', () => {
  it('survives migrateToLatest from three handles at once', async () => {
    const test = await openTestDatabase('postgres');
    try {
      const handles = [test.database, test.openAnother(), test.openAnother()];
      const applied = await Promise.all(handles.map((handle) => migrateToLatest(handle)));
      // Kysely's advisory lock serialises them: exactly one applies the migration, the others find nothing to do.
      expect(applied.flat()).toEqual(allUp);
      expect(await tableNames(test.database)).toEqual(expectedTables);
    } finally {
      await test.cleanup();
    }
  });
});
