import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { dayMs, healthRepo } from '../storage/health-repo.js';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { createCallTally } from './call-tally.js';

describe.each(dialects)('call tally on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('adds what each process counted to the day rows, keeping the newest failure', async () => {
    let now = 3 * dayMs + 1_000;
    const log = pino({ level: 'silent' });
    const first = createCallTally({ database, now: () => now, log });
    const second = createCallTally({ database, now: () => now, log });
    first.record('con_a', null);
    first.record('con_a', 'HTTP 500 from Acme');
    now += 1_000;
    second.record('con_a', 'HTTP 429 from Acme');
    second.record('con_b', null);
    await second.flush();
    await first.flush();
    now = 4 * dayMs;
    first.record('con_a', null);
    await first.flush();
    await first.flush();

    const days = (await healthRepo.connectionDays(database.db, 0)).sort((a, b) => a.day - b.day || a.subjectId.localeCompare(b.subjectId));
    expect(days).toEqual([
      { subjectId: 'con_a', day: 3, events: 3, failures: 2, lastCallAt: 3 * dayMs + 2_000, lastFailureAt: 3 * dayMs + 2_000, lastFailure: 'HTTP 429 from Acme' },
      { subjectId: 'con_b', day: 3, events: 1, failures: 0, lastCallAt: 3 * dayMs + 2_000, lastFailureAt: null, lastFailure: null },
      { subjectId: 'con_a', day: 4, events: 1, failures: 0, lastCallAt: 4 * dayMs, lastFailureAt: null, lastFailure: null },
    ]);
  });
});
