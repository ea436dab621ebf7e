import { performance } from 'node:perf_hooks';

/**
 * Time one execution spends computing, for its CPU budget. Node 20 has no per-thread CPU clock
 * (`process.cpuUsage()` covers every thread of the process; `threadCpuUsage` came in Node 23), so this
 * measures the worker's busy wall time instead: the clock runs from the start of the user's code and is
 * paused only while the run loop awaits fetch answers. The worker does nothing else meanwhile, so this
 * is CPU time plus whatever the OS takes away from the thread: on a machine under load a budget can run
 * out somewhat early, never late.
 */
export class ComputeClock {
  private spent = 0;
  private since: number | null = null;

  resume(): void {
    this.since ??= performance.now();
  }

  pause(): void {
    if (this.since === null) return;
    this.spent += performance.now() - this.since;
    this.since = null;
  }

  /** Milliseconds counted so far; cheap enough for QuickJS's interrupt handler. */
  elapsed(): number {
    return this.spent + (this.since === null ? 0 : performance.now() - this.since);
  }
}
