import { Worker } from 'node:worker_threads';
import { PooledWorker, type ServeFetch } from './pooled-worker.js';
import type { SandboxJob, SandboxOutcome } from './sandbox-protocol.js';
import { sandboxWorkerUrl } from './worker-file.js';

export interface SandboxPoolOptions {
  /** Threads running code at once; further executions wait for one to be free. */
  size?: number;
  /** How long past its deadline (or its cancellation) a worker may take to answer before it is terminated. */
  graceMs?: number;
  /** Starts a worker thread; the default loads sandbox-worker. Tests substitute misbehaving workers. */
  spawn?: () => Worker;
}

/**
 * A second fence for the worker's own V8 heap (guest memory is QuickJS's WebAssembly memory, limited per
 * execution): results and fetch answers pass through it as strings, a few times `memoryMb` at most.
 * Exceeding it ends the thread, which fails the execution with CODE_MEMORY_LIMIT.
 */
const resourceLimits = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };

/** Starts a real sandbox worker thread (the default `spawn`). */
export function spawnSandboxWorker(): Worker {
  return new Worker(sandboxWorkerUrl(), { name: 'switchyard-sandbox', resourceLimits });
}

function failure(code: string, message: string): SandboxOutcome {
  return { ok: false, code, message, logs: [] };
}

/**
 * Worker threads that run `core/code` executions off the main thread, so that guest code computing for
 * seconds leaves the server answering webhooks and health checks. Threads are started on first use and
 * reused; each execution still gets a fresh QuickJS instance inside its thread. A thread that had to be
 * terminated, or died, is replaced by a new one when next needed.
 */
export class SandboxPool {
  private readonly size: number;
  private readonly graceMs: number;
  private readonly spawn: () => Worker;
  private readonly workers = new Set<PooledWorker>();
  private readonly idle: PooledWorker[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(options: SandboxPoolOptions = {}) {
    this.size = options.size ?? 2;
    this.graceMs = options.graceMs ?? 1_000;
    this.spawn = options.spawn ?? spawnSandboxWorker;
  }

  /** Runs one job on a free worker (waiting for one if need be). Never rejects. */
  async run(job: SandboxJob, serveFetch: ServeFetch, signal: AbortSignal): Promise<SandboxOutcome> {
    let worker: PooledWorker | undefined;
    try {
      worker = await this.acquire(signal);
    } catch (error) {
      return failure('CODE_ERROR', `sandbox failure: could not start a sandbox worker: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!worker) return failure('CODE_ABORTED', 'the step was cancelled before the code ran');
    try {
      return await worker.run(job, serveFetch, signal, this.graceMs);
    } finally {
      // A worker that is being terminated wakes the next waiter when it has exited (see forget).
      if (worker.usable) {
        this.idle.push(worker);
        this.waiting.shift()?.();
      }
    }
  }

  /** Terminates every thread (idle or not); the pool starts new ones if used again. */
  async close(): Promise<void> {
    const workers = [...this.workers];
    for (const worker of workers) worker.terminate();
    await Promise.all(workers.map((worker) => worker.exited));
  }

  /** A ready worker for the caller alone, or undefined when `signal` aborts first. */
  private async acquire(signal: AbortSignal): Promise<PooledWorker | undefined> {
    for (;;) {
      if (signal.aborted) return undefined;
      const idle = this.idle.pop();
      if (idle) return idle;
      if (this.workers.size < this.size) {
        const worker = new PooledWorker(this.spawn(), (gone) => this.forget(gone));
        this.workers.add(worker);
        await worker.ready;
        return worker;
      }
      await this.nextTurn(signal);
    }
  }

  /** Resolves when a worker is released or gone (the caller then looks again), or on abort. */
  private nextTurn(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(wake);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve();
      };
      this.waiting.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private forget(worker: PooledWorker): void {
    this.workers.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    this.waiting.shift()?.();
  }
}

let shared: SandboxPool | undefined;

/** The process's pool, started lazily: commands that never run code never start a thread. */
export function sharedSandboxPool(): SandboxPool {
  shared ??= new SandboxPool();
  return shared;
}
