import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startChangeFeed } from './change-feed.js';
import { createPackRegistry } from './registry/create-pack-registry.js';
import { samplePack } from './registry/sample-pack.js';
import { useMigratedDatabase } from './storage/test-databases.js';

/** Another process's pack install reaches this process's registry cache through PostgreSQL, not its 30 s expiry. */
describe('change feed on postgres', () => {
  const { database, openAnother } = useMigratedDatabase('postgres');

  it('drops the pack cache when another process installs a version, and wakes workers when a job is due', async () => {
    const here = createPackRegistry({ database: openAnother(), now: Date.now });
    const elsewhere = createPackRegistry({ database, now: Date.now });
    let wakes = 0;
    let connected = false;
    const feed = startChangeFeed({
      url: database.location,
      log: pino({ level: 'silent' }),
      caches: { packs: [() => here.dropCache()], connections: [], triggers: [] },
      onJobsDue: () => {
        wakes++;
        connected = true;
      },
    });
    const until = async (check: () => Promise<boolean> | boolean, what: string) => {
      for (let i = 0; i < 200; i++) {
        if (await check()) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    try {
      await until(() => connected, 'the feed to connect');
      expect((await elsewhere.installPack(samplePack(), 'test', null)).ok).toBe(true);
      expect((await here.pack('acme'))?.version).toBe('1.0.0');
      expect((await elsewhere.installPack(samplePack({ version: '1.1.0' }), 'test', null)).ok).toBe(true);
      // Within 2 s at most (polled), far inside the cache's 30 s: only the notification can explain it.
      await until(async () => (await here.pack('acme'))?.version === '1.1.0', 'the new version to be seen');

      const before = wakes;
      const now = Date.now();
      await database.db.insertInto('jobs').values({ id: 'job_1', kind: 'run', run_at: now, created_at: now }).execute();
      await until(() => wakes > before, 'a wake-up for the new job');
    } finally {
      await feed.stop();
    }
  });
});
