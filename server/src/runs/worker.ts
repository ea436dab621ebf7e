import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { jobRepo } from '../storage/job-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { JobRow, RunRow } from '../storage/tables.js';
import type { EngineDeps } from './engine-deps.js';
import { processRunJob } from './process-run-job.js';

export interface WorkerOptions {
  /** Runs executing at once in this process (global concurrency). */
  concurrency: number;
  leaseMs: number;
  /** How often to look for due jobs when nobody nudged us (asked anew each time: it may depend on whether NOTIFYs arrive). */
  pollMs: number | (() => number);
}

/**
 * Claims due jobs with leases and drives them. Leases are renewed while a job is in flight; if this
 * process dies they expire and another worker (or this one, restarted) claims the job again.
 */
export class Worker {
  readonly owner = `wrk_${randomBytes(6).toString('hex')}`;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly perRecipe = new Map<string, number>();
  private running = false;
  private wake: (() => void) | null = null;
  /** Set by nudge() so a nudge that arrives while claiming is not lost. */
  private nudged = false;
  private loop: Promise<void> | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  /** Aborted when the grace period of a stop is over: steps still running are interrupted and parked for a retry. */
  private readonly stopping = new AbortController();
  processed = 0;

  constructor(
    private readonly deps: EngineDeps,
    private readonly options: WorkerOptions,
  ) {
    // Every step in flight listens for the stop; that is `concurrency` listeners, not a leak.
    setMaxListeners(0, this.stopping.signal);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.claimLoop();
    this.renewTimer = setInterval(() => void this.renewLeases(), Math.max(1000, this.options.leaseMs / 3));
    this.renewTimer.unref();
  }

  /** Something became due (a delivery was committed, a run was woken): look now instead of at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  get busy(): number {
    return this.inFlight.size;
  }

  /**
   * Stops claiming and lets in-flight runs finish within `graceMs`. Steps still running then are
   * interrupted (recorded as retryable and parked, like any retry), and whatever is left is handed
   * back at once rather than after its lease expires.
   */
  async stop(graceMs: number): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    const settled = Promise.allSettled([...this.inFlight.values()]);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([settled, wait(graceMs)]);
    if (this.inFlight.size > 0) {
      this.stopping.abort();
      await Promise.race([settled, wait(2000)]);
    }
    if (this.renewTimer) clearInterval(this.renewTimer);
    await this.deps.database.write((trx) => jobRepo.releaseAll(trx, this.owner));
  }

  private async claimLoop(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size;
      let claimed: JobRow[] = [];
      let runs = new Map<string, RunRow>();
      if (free > 0) {
        try {
          claimed = await jobRepo.claim(this.deps.database, this.owner, free, this.options.leaseMs, this.deps.now());
          const runIds = claimed.flatMap((job) => (job.run_id ? [job.run_id] : []));
          // Read before marking: a run still `queued` here has recorded nothing yet, which spares a read later.
          runs = await runRepo.getMany(this.deps.database.db, runIds);
          await this.deps.database.write((trx) => runRepo.markRunning(trx, runIds, this.deps.now()));
        } catch (error) {
          // Jobs claimed but not dispatched keep their lease and are claimed again once it expires; dispatching
          // them without their run would read as "the run is gone" and delete the job.
          claimed = [];
          this.deps.log.error({ err: error }, 'claiming jobs failed');
        }
      }
      for (const job of claimed) this.dispatch(job, job.run_id ? runs.get(job.run_id) : undefined);
      if (claimed.length === 0 || this.inFlight.size >= this.options.concurrency) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.nudged && this.inFlight.size < this.options.concurrency) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, typeof this.options.pollMs === 'number' ? this.options.pollMs : this.options.pollMs());
      this.wake = () => {
        this.wake = null;
        this.nudged = false;
        done();
      };
    });
  }

  private dispatch(job: JobRow, run: RunRow | undefined): void {
    const work = this.process(job, run).finally(() => {
      this.inFlight.delete(job.id);
      this.processed++;
      this.nudge();
    });
    this.inFlight.set(job.id, work);
  }

  private async process(job: JobRow, run: RunRow | undefined): Promise<void> {
    try {
      if (job.kind === 'run') {
        await processRunJob(this.deps, job, run, (recipeId, limit) => this.admit(recipeId, limit), this.stopping.signal);
      } else {
        this.deps.log.warn({ job: job.id, kind: job.kind }, 'unknown job kind; dropping it');
        await this.deps.database.write((trx) => jobRepo.complete(trx, job.id));
      }
    } catch (error) {
      // The lease will expire and the job will be claimed again; the walk resumes from its last commit.
      this.deps.log.error({ err: error, job: job.id, run: job.run_id }, 'job failed; it will be retried after its lease expires');
    }
  }

  private admit(recipeId: string, limit: number | undefined): (() => void) | null {
    const current = this.perRecipe.get(recipeId) ?? 0;
    if (limit !== undefined && current >= limit) return null;
    this.perRecipe.set(recipeId, current + 1);
    return () => {
      const left = (this.perRecipe.get(recipeId) ?? 1) - 1;
      if (left <= 0) this.perRecipe.delete(recipeId);
      else this.perRecipe.set(recipeId, left);
    };
  }

  private async renewLeases(): Promise<void> {
    if (this.inFlight.size === 0) return;
    try {
      await jobRepo.extendLease(this.deps.database, [...this.inFlight.keys()], this.owner, this.deps.now() + this.options.leaseMs);
    } catch (error) {
      this.deps.log.error({ err: error }, 'renewing leases failed');
    }
  }
}
