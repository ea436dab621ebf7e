import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loginLimits } from '../security/login-throttle.js';
import { auditRepo } from '../storage/audit-repo.js';
import { inboxRepo } from '../storage/inbox-repo.js';
import { loginAttemptRepo } from '../storage/login-attempt-repo.js';
import { maintenanceRepo } from '../storage/maintenance-repo.js';
import { runRepo } from '../storage/run-repo.js';
import { dialects, openTestDatabase, seedRecipe, type TestDatabase } from '../storage/test-databases.js';
import { Housekeeper, loginAttemptHorizonMs } from './housekeeper.js';

const day = 86_400_000;
const now = 100 * day;

describe.each(dialects)('housekeeping on %s', (dialect) => {
  let test: TestDatabase;
  afterEach(() => test?.cleanup());

  async function seed() {
    test = await openTestDatabase(dialect, { migrated: true });
    const { database } = test;
    const { recipe, version } = await seedRecipe(database);
    const run = () => ({ recipeId: recipe.id, versionId: version.id, triggerKind: 'core/webhook', event: { big: 'x'.repeat(2000) }, deadlineAt: null });
    // 40 old finished runs, 10 recent finished runs, 5 old runs still waiting.
    const old = await database.write((trx) => runRepo.createMany(trx, Array.from({ length: 40 }, () => run()), now - 40 * day));
    const recent = await database.write((trx) => runRepo.createMany(trx, Array.from({ length: 10 }, () => run()), now - day));
    const waiting = await database.write((trx) => runRepo.createMany(trx, Array.from({ length: 5 }, () => run()), now - 40 * day));
    await database.write(async (trx) => {
      for (const id of old) await runRepo.setStatus(trx, id, { status: 'succeeded', finishedAt: now - 40 * day });
      for (const id of recent) await runRepo.setStatus(trx, id, { status: 'failed', finishedAt: now - day });
      for (const id of waiting) await runRepo.setStatus(trx, id, { status: 'waiting' });
    });
    await database.write((trx) =>
      inboxRepo.ingest(trx, [{ source: 's', dedupeKey: 'old', run: run() }], now - 40 * day),
    );
    await database.write((trx) => inboxRepo.ingest(trx, [{ source: 's', dedupeKey: 'new', run: run() }], now - day));
    return { old, recent, waiting };
  }

  const housekeeper = (maxDatabaseBytes = 0) =>
    new Housekeeper({ database: test.database, log: pino({ level: 'silent' }), now: () => now }, { retentionDays: 30, maxDatabaseBytes, intervalMs: 60_000 });

  it('deletes finished runs and inbox entries past the retention age, and nothing else', async () => {
    const { old, recent, waiting } = await seed();
    const report = await housekeeper().sweep();
    expect(report.runsByAge).toBe(40);
    expect(report.inbox).toBe(1);
    for (const id of old) expect(await runRepo.get(test.database.db, id)).toBeUndefined();
    for (const id of [...recent, ...waiting]) expect(await runRepo.get(test.database.db, id)).toBeDefined();
    const counts = await maintenanceRepo.counts(test.database.db);
    expect(counts.inbox).toBe(1);
  });

  it('deletes the oldest finished runs first when the database is over its size limit', async () => {
    const { waiting } = await seed();
    const report = await housekeeper(1).sweep();
    // Every finished run goes (a 1-byte limit cannot be met); unfinished runs (incl. the two from ingest) stay.
    expect(report.runsByAge + report.runsBySize).toBe(50);
    for (const id of waiting) expect(await runRepo.get(test.database.db, id)).toBeDefined();
    expect(report.bytesAfter).toBeGreaterThan(0);
    // SQLite hands the freed pages back to the file system (PostgreSQL leaves that to autovacuum).
    if (dialect === 'sqlite') {
      expect(report.bytesAfter).toBeLessThan(report.bytesBefore);
      const { rows } = await sql<{ freelist_count: number }>`pragma freelist_count`.execute(test.database.db);
      expect(rows).toEqual([{ freelist_count: 0 }]);
    }
  });
});

describe.each(dialects)('housekeeping of the audit log and sign-in attempts on %s', (dialect) => {
  let test: TestDatabase;
  afterEach(() => test?.cleanup());

  it('deletes audit entries past their retention and sign-in attempts past every limit window', async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    const { database } = test;
    const entry = (targetId: string) => ({ actor: null, action: 'recipe.create' as const, targetId });
    await database.write(async (trx) => {
      await auditRepo.record(trx, entry('old'), now - 400 * day);
      await auditRepo.record(trx, entry('kept'), now - 300 * day);
      await loginAttemptRepo.record(trx, { accountKey: 'a', address: '192.0.2.1', at: now - 2 * day });
      await loginAttemptRepo.record(trx, { accountKey: 'a', address: '192.0.2.1', at: now - 60_000 });
    });
    const report = await new Housekeeper(
      { database, log: pino({ level: 'silent' }), now: () => now },
      { retentionDays: 30, maxDatabaseBytes: 0, intervalMs: 60_000, auditRetentionDays: 365 },
    ).sweep();
    expect(report).toMatchObject({ auditEntries: 1, loginAttempts: 1 });
    expect((await auditRepo.list(database.db, { limit: 10 })).map((row) => row.target_id)).toEqual(['kept']);
    // The recent attempt still counts towards the account's limit.
    expect(await loginAttemptRepo.nthNewestAt(database.db, { accountKey: 'a' }, now - loginLimits.windowMs, 1)).toBe(now - 60_000);
  });

  it('keeps sign-in attempts as long as any login limit counts them', () => {
    expect(loginAttemptHorizonMs).toBeGreaterThanOrEqual(loginLimits.windowMs);
  });
});
