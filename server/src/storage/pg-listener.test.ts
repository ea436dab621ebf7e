import pg from 'pg';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { listenPostgres } from './pg-listener.js';
import { openTestDatabase, seedRecipe, type TestDatabase } from './test-databases.js';
import { triggerRepo } from './trigger-repo.js';

const log = pino({ level: 'silent' });

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('listenPostgres', () => {
  let test: TestDatabase;
  let admin: pg.Client;
  beforeAll(async () => {
    test = await openTestDatabase('postgres', { migrated: true });
    admin = new pg.Client({ connectionString: test.database.location });
    await admin.connect();
    return async () => {
      await admin.end();
      await test.cleanup();
    };
  });

  it('hears NOTIFYs on its channels, and after its session is killed reconnects and says so', async () => {
    const heard: string[] = [];
    let connects = 0;
    const listener = listenPostgres({
      url: test.database.location,
      channels: ['switchyard_jobs', 'switchyard_changes'],
      log,
      retryMs: 20,
      onNotify: (channel, payload) => heard.push(`${channel}:${payload}`),
      onConnect: () => connects++,
    });
    try {
      await until(() => listener.connected, 'the first connect');
      await admin.query(`NOTIFY switchyard_changes, 'packs'`);
      await admin.query(`NOTIFY other_channel, 'x'`);
      await until(() => heard.length === 1, 'the notification');
      expect(heard).toEqual(['switchyard_changes:packs']);

      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchyard-listen' AND datname = current_database()`);
      await until(() => connects === 2 && listener.connected, 'the reconnect');
      await admin.query(`NOTIFY switchyard_jobs`);
      await until(() => heard.length === 2, 'a notification after the reconnect');
      expect(heard[1]).toBe('switchyard_jobs:');
    } finally {
      await listener.stop();
    }
    expect(listener.connected).toBe(false);
  });

  it('is told by the database triggers when a job becomes due and when packs, connections or live triggers change', async () => {
    const heard: string[] = [];
    const listener = listenPostgres({
      url: test.database.location,
      channels: ['switchyard_jobs', 'switchyard_changes'],
      log,
      onNotify: (channel, payload) => heard.push(`${channel}:${payload}`),
      onConnect: () => undefined,
    });
    try {
      await until(() => listener.connected, 'the connect');
      const now = Date.now();
      // Two jobs in one transaction fold into one notification; a claim (lease beyond run_at) and a job parked in the future stay silent.
      await admin.query('BEGIN');
      await admin.query(`INSERT INTO jobs (id, kind, run_at, created_at) VALUES ('j1', 'run', $1, $1), ('j2', 'run', $1, $1)`, [now]);
      await admin.query('COMMIT');
      await until(() => heard.length === 1, 'the job notification');
      await admin.query(`UPDATE jobs SET lease_until = $1, lease_owner = 'w' WHERE id = 'j1'`, [now + 30_000]);
      await admin.query(`UPDATE jobs SET run_at = $1, lease_until = 0 WHERE id = 'j2'`, [now + 60_000]);
      await admin.query(`INSERT INTO pack_versions (pack_id, version, major, manifest, digest, source, installed_at) VALUES ('p', '1.0.0', 1, '{}', 'd', 'test', 0)`);
      await until(() => heard.length === 2, 'the pack notification');
      // Handed back on shutdown: due again, so workers hear it.
      await admin.query(`UPDATE jobs SET lease_until = 0, lease_owner = NULL WHERE id = 'j1'`);
      await until(() => heard.length === 3, 'the hand-back notification');
      expect(heard).toEqual(['switchyard_jobs:', 'switchyard_changes:packs', 'switchyard_jobs:']);

      const recipe = await seedRecipe(test.database);
      const { database } = test;
      const trigger = await database.write((trx) =>
        triggerRepo.activate(trx, { recipeId: recipe.recipe.id, versionId: recipe.version.id, kind: 'core/schedule', config: {}, nextFireAt: now, now }),
      );
      await until(() => heard.length === 4, 'the trigger notification');
      // A schedule firing moves only its times: no cache holds those, so nobody is told.
      await database.write((trx) => triggerRepo.recordFire(trx, trigger.id, now, now + 1000));
      await database.write((trx) => triggerRepo.deactivate(trx, recipe.recipe.id));
      await until(() => heard.length === 5, 'the unpublish notification');
      expect(heard.slice(3)).toEqual(['switchyard_changes:triggers', 'switchyard_changes:triggers']);
    } finally {
      await listener.stop();
    }
  });
});
