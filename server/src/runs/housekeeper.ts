import type { Logger } from 'pino';
import { healthRepo } from '../storage/health-repo.js';
import { hookOutboxRepo } from '../storage/hook-outbox-repo.js';
import type { Database } from '../storage/database.js';
import { maintenanceRepo } from '../storage/maintenance-repo.js';

export interface HousekeepingOptions {
  /** Finished runs and inbox entries older than this are deleted. */
  retentionDays: number;
  /** When the database grows past this, the oldest finished runs go first; 0 = no size limit. */
  maxDatabaseBytes: number;
  intervalMs: number;
  /** Audit entries older than this are deleted (`SWITCHYARD_AUDIT_RETENTION_DAYS`); 365 when omitted. */
  auditRetentionDays?: number;
}

export interface SweepReport {
  runsByAge: number;
  runsBySize: number;
  inbox: number;
  auditEntries: number;
  loginAttempts: number;
  /** Finished outgoing hook deliveries past the retention. */
  hookDeliveries: number;
  bytesBefore: number;
  bytesAfter: number;
  at: number;
}

const batch = 500;
const day = 86_400_000;
const defaultAuditRetentionDays = 365;
/**
 * Failed sign-ins older than this count towards no limit (the longest window, security/login-throttle.ts,
 * is 15 minutes). Sign-ins prune their own window as they come; this catches accounts nobody tries again.
 */
export const loginAttemptHorizonMs = day;
/** Pages handed back per reclaim (16 MiB at 4 KiB pages): the rest is reused by new rows or freed next time. */
const reclaimPagesPerSweep = 4096;
/** Upper bound of deletions per sweep, so one sweep never holds the writer for long. */
const maxBatchesPerSweep = 200;

/**
 * Retention by age and by size, then space reclaimed (DESIGN §4.7). Deletes in small batches through
 * the write queue, so webhooks keep being acknowledged while it works.
 */
export class Housekeeper {
  private timer: NodeJS.Timeout | null = null;
  lastSweep: SweepReport | null = null;

  constructor(
    private readonly deps: { database: Database; log: Logger; now(): number },
    readonly options: HousekeepingOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    const run = () => void this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'housekeeping failed'));
    this.timer = setInterval(run, this.options.intervalMs);
    this.timer.unref();
    setTimeout(run, Math.min(60_000, this.options.intervalMs)).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async sweep(): Promise<SweepReport> {
    const { database, now } = this.deps;
    const cutoff = now() - this.options.retentionDays * day;
    const auditCutoff = now() - (this.options.auditRetentionDays ?? defaultAuditRetentionDays) * day;
    const bytesBefore = await maintenanceRepo.databaseBytes(database);
    const runsByAge = await this.repeat(() => database.write((trx) => maintenanceRepo.deleteFinishedRuns(trx, { before: cutoff, limit: batch })));
    const inbox = await this.repeat(() => database.write((trx) => maintenanceRepo.deleteInbox(trx, cutoff, batch)));
    const auditEntries = await this.repeat(() => database.write((trx) => maintenanceRepo.deleteAuditEntries(trx, auditCutoff, batch)));
    const attemptCutoff = now() - loginAttemptHorizonMs;
    const loginAttempts = await this.repeat(() => database.write((trx) => maintenanceRepo.deleteLoginAttempts(trx, attemptCutoff, batch)));
    const hookDeliveries = await this.repeat(() => database.write((trx) => hookOutboxRepo.deleteFinished(trx, cutoff, batch)));
    // Health figures and cleared alerts are kept as long as the runs and deliveries they summarise.
    await database.write((trx) => healthRepo.prune(trx, cutoff));
    await database.reclaimSpace(reclaimPagesPerSweep);
    let runsBySize = 0;
    if (this.options.maxDatabaseBytes > 0) {
      for (let i = 0; i < maxBatchesPerSweep && (await maintenanceRepo.databaseBytes(database)) > this.options.maxDatabaseBytes; i++) {
        const deleted = await database.write((trx) => maintenanceRepo.deleteFinishedRuns(trx, { limit: batch }));
        if (deleted === 0) break;
        runsBySize += deleted;
        await database.reclaimSpace(reclaimPagesPerSweep);
      }
    }
    const report = { runsByAge, runsBySize, inbox, auditEntries, loginAttempts, hookDeliveries, bytesBefore, bytesAfter: await maintenanceRepo.databaseBytes(database), at: now() };
    this.lastSweep = report;
    if (runsByAge + runsBySize + inbox + auditEntries + loginAttempts + hookDeliveries > 0) this.deps.log.info(report, 'housekeeping removed old data');
    return report;
  }

  private async repeat(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatchesPerSweep; i++) {
      const deleted = await step();
      total += deleted;
      if (deleted < batch) break;
    }
    return total;
  }
}
