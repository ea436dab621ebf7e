import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle } from 'quickjs-emscripten';
import { fetchLimitAnswer, maxFetchesPerRun } from './sandbox-protocol.js';

/**
 * The worker's half of the guest's `fetch`. The guest hands over its request as JSON text; the bridge
 * passes it to the main thread (which checks it and sends it through the egress guard, see
 * fetch-server.ts) and gives the guest a promise that settles with the answer's JSON text. Answers are
 * queued rather than pushed into the VM when they arrive: the run loop delivers them, so the VM is only
 * entered from one place, and never after the run has ended.
 */
export class FetchBridge {
  private nextId = 0;
  /** Guest promises not yet settled, by fetch id; a leftover handle would make the runtime abort when it is freed. */
  private readonly open = new Map<number, QuickJSDeferredPromise>();
  private readonly answered: { fetchId: number; answerJson: string }[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly context: QuickJSContext,
    /** Posts the request to the main thread; its answer comes back through `answer`. */
    private readonly send: (fetchId: number, requestJson: string) => void,
    /** Aborted at the deadline, on cancellation and when the run ends. */
    private readonly stop: AbortSignal,
  ) {}

  readonly hostFetch = (requestJson: QuickJSHandle): QuickJSHandle => {
    const deferred = this.context.newPromise();
    const fetchId = ++this.nextId;
    this.open.set(fetchId, deferred);
    if (fetchId > maxFetchesPerRun) this.answer(fetchId, JSON.stringify(fetchLimitAnswer));
    else this.send(fetchId, this.context.getString(requestJson));
    return deferred.handle;
  };

  /** Called by the worker's message handler; answers to calls this run did not make are ignored. */
  answer(fetchId: number, answerJson: string): void {
    if (!this.open.has(fetchId)) return;
    this.answered.push({ fetchId, answerJson });
    this.wake?.();
  }

  /** True while some call has not been delivered: only then can the guest's awaiting still end. */
  get pending(): boolean {
    return this.open.size > 0;
  }

  /** Settles the guest promises of calls that finished; the caller then runs the jobs this queues. */
  deliver(): void {
    for (const { fetchId, answerJson } of this.answered.splice(0)) {
      const deferred = this.open.get(fetchId);
      if (!deferred) continue;
      try {
        this.context.newString(answerJson).consume(deferred.resolve);
      } finally {
        deferred.dispose();
        this.open.delete(fetchId);
      }
    }
  }

  /** Resolves when a call has an answer to deliver, or the run is stopped. */
  async nextAnswer(): Promise<void> {
    if (this.answered.length > 0 || this.stop.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stop.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      this.stop.addEventListener('abort', done);
    });
  }

  dispose(): void {
    for (const deferred of this.open.values()) deferred.dispose();
    this.open.clear();
  }
}
