import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadWithAdvisoryLock, type Leadership } from './advisory-leadership.js';
import { openTestDatabase, type TestDatabase } from './test-databases.js';

const log = pino({ level: 'silent' });

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('leadWithAdvisoryLock', () => {
  let test: TestDatabase;
  let admin: pg.Client;
  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    admin = new pg.Client({ connectionString: test.database.location });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await test.cleanup();
  });

  /** A contender that records when it starts and stops leading. */
  function contender(name: string, events: string[]): Leadership {
    return leadWithAdvisoryLock({
      url: test.database.location,
      lockKey: 42,
      retryMs: 50,
      log,
      lead: () => {
        events.push(`${name} leads`);
        return { stop: async () => void events.push(`${name} stops`) };
      },
    });
  }

  it('lets one of several lead; a graceful stop or a killed session hands over to another', async () => {
    const events: string[] = [];
    const all = [contender('a', events), contender('b', events), contender('c', events)];
    try {
      await until(() => all.some((c) => c.leading), 'a leader');
      // Several retries later still exactly one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(all.filter((c) => c.leading)).toHaveLength(1);
      const first = all.find((c) => c.leading)!;
      await first.stop();
      await until(() => all.some((c) => c !== first && c.leading), 'a second leader');

      const leadsBefore = events.filter((e) => e.endsWith('leads')).length;
      // The leader's session dies (as when its process is killed): it stops leading, and someone leads again.
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                          WHERE datname = current_database() AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')`);
      await until(() => events.filter((e) => e.endsWith('leads')).length > leadsBefore, 'a leader after the session died');
      expect(events.filter((e) => e.endsWith('stops')).length).toBe(2);
      expect(all.filter((c) => c.leading)).toHaveLength(1);
      // Never two leading at once in the record: every "leads" after the first follows a "stops".
      let leading = 0;
      for (const event of events) {
        leading += event.endsWith('leads') ? 1 : -1;
        expect(leading).toBeLessThanOrEqual(1);
      }
    } finally {
      await Promise.all(all.map((c) => c.stop()));
    }
  });
});
