import type { Worker } from 'node:worker_threads';
import type { FromWorker, SandboxJob, SandboxOutcome, ToWorker } from './sandbox-protocol.js';

/** Answers one guest fetch (request JSON in, answer JSON out) before `deadline`; never rejects. */
export type ServeFetch = (requestJson: string, deadline: number) => Promise<string>;

// Starting a thread, loading the worker and compiling QuickJS takes well under a second; this only
// catches a worker that never gets there.
const startupTimeoutMs = 30_000;

interface Execution {
  id: number;
  fetch(fetchId: number, requestJson: string): void;
  done(outcome: SandboxOutcome): void;
  crashed(error: Error): void;
}

function failure(code: string, message: string): SandboxOutcome {
  return { ok: false, code, message, logs: [] };
}

/**
 * One sandbox worker thread, seen from the main thread: it runs one execution at a time and enforces
 * the limits the worker cannot enforce on itself. Guest code blocks the worker's event loop while it
 * computes, so neither a cancellation message nor the worker's own timers can reach it then; QuickJS's
 * interrupt handler normally stops it, and if that fails (a long native call, a bug) the worker is
 * terminated once the deadline plus a grace period has passed, or a grace period after cancelling.
 */
export class PooledWorker {
  /** Resolves once the worker has compiled QuickJS and takes jobs; rejects if it fails to get there. */
  readonly ready: Promise<void>;
  /** Resolves when the thread has exited. */
  readonly exited: Promise<void>;
  /** False once the thread has exited or is being terminated: it takes no more executions. */
  usable = true;
  private execution: Execution | undefined;
  private nextId = 0;
  private hasExited = false;
  private markReady!: () => void;
  private failStartup!: (error: Error) => void;
  private markExited!: () => void;

  constructor(
    private readonly worker: Worker,
    private readonly onGone: (worker: PooledWorker) => void,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the sandbox worker did not start within ${startupTimeoutMs / 1000} s`));
        this.terminate();
      }, startupTimeoutMs); // also keeps the process alive for the execution waiting on this start
      this.markReady = () => (clearTimeout(timer), resolve());
      this.failStartup = (error) => (clearTimeout(timer), reject(error));
    });
    this.exited = new Promise<void>((resolve) => (this.markExited = resolve));
    // Startup failures are reported through `ready`; without a handler they would count as unhandled.
    this.ready.catch(() => undefined);
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.gone(error));
    worker.on('exit', (code) => this.gone(new Error(`the sandbox worker exited with code ${code}`)));
    // An idle sandbox must not keep the process alive; a running execution's timer does while it lasts.
    // (After the listeners: adding a 'message' listener refs the worker again.)
    worker.unref();
  }

  /** Runs one job; resolves with its outcome whatever happens to the worker. */
  run(job: SandboxJob, serveFetch: ServeFetch, signal: AbortSignal, graceMs: number): Promise<SandboxOutcome> {
    if (!this.usable) return Promise.resolve(failure('CODE_ERROR', 'sandbox failure: the sandbox worker stopped'));
    const id = ++this.nextId;
    const deadline = Date.now() + job.timeoutMs;
    return new Promise<SandboxOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: SandboxOutcome) => {
        if (this.execution?.id !== id) return;
        this.execution = undefined;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const stopAfter = (ms: number, outcome: SandboxOutcome) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          finish(outcome);
          this.terminate();
        }, ms);
      };
      const onAbort = () => {
        this.post({ type: 'cancel', id });
        stopAfter(graceMs, failure('CODE_ABORTED', 'the step was cancelled while the code ran'));
      };
      this.execution = {
        id,
        fetch: (fetchId, requestJson) => {
          serveFetch(requestJson, deadline).then(
            (answerJson) => {
              if (this.execution?.id === id) this.post({ type: 'fetched', id, fetchId, answerJson });
            },
            // serveFetch does not reject; if it did, the guest's promise stays pending until the deadline.
            () => undefined,
          );
        },
        done: finish,
        crashed: (error) => finish(crashOutcome(error, job.memoryMb)),
      };
      stopAfter(job.timeoutMs + graceMs, failure('CODE_TIMEOUT', `the code did not finish within ${job.timeoutMs} ms`));
      signal.addEventListener('abort', onAbort, { once: true });
      this.post({ type: 'run', id, job });
      if (signal.aborted) onAbort();
    });
  }

  /** Stops the thread; `onGone` follows when it has exited. */
  terminate(): void {
    this.usable = false;
    void this.worker.terminate();
  }

  private post(message: ToWorker): void {
    if (this.usable) this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'ready') return this.markReady();
    if (message.id !== this.execution?.id) return; // from an execution that was given up on
    if (message.type === 'fetch') this.execution.fetch(message.fetchId, message.requestJson);
    else this.execution.done(message.outcome);
  }

  /** The thread failed or exited (`error` is followed by `exit`; the first says more). */
  private gone(error: Error): void {
    if (this.hasExited) return;
    this.hasExited = true;
    this.usable = false;
    this.failStartup(error);
    this.execution?.crashed(error);
    this.markExited();
    this.onGone(this);
  }
}

function crashOutcome(error: Error, memoryMb: number): SandboxOutcome {
  // resourceLimits (see sandbox-pool.ts) ended the thread: the code got the host to allocate too much.
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return failure('CODE_MEMORY_LIMIT', `the code ran out of memory (limit ${memoryMb} MB)`);
  }
  return failure('CODE_ERROR', `sandbox failure: ${error.message}`);
}
