import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle } from 'quickjs-emscripten';
import { z } from 'zod';
import type { EgressClient, EgressResponse } from '../../egress/egress-client.js';
import { EgressError } from '../../egress/egress-error.js';

const maxFetchesPerRun = 20;

const guestRequestSchema = z.strictObject({
  url: z.string(),
  method: z.string().regex(/^[A-Za-z]{1,16}$/, 'method must be a word such as GET or POST'),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  body: z.string().optional(),
});

/** What the guest's `fetch` receives, as JSON text: a response, or why there is none. */
type Answer =
  | { response: { status: number; url: string; headers: Record<string, string>; body: string } }
  | { error: { code: string; message: string } };

function responseAnswer(response: EgressResponse): Answer {
  return { response: { status: response.status, url: response.url, headers: response.headers, body: response.body.toString('utf8') } };
}

function errorAnswer(error: unknown): Answer {
  if (error instanceof EgressError) return { error: { code: error.code, message: error.message } };
  // The egress client rejects only with EgressError; anything else is a bug, still reported to the code.
  return { error: { code: 'FETCH_FAILED', message: error instanceof Error ? error.message : String(error) } };
}

function parseRequest(json: string): z.output<typeof guestRequestSchema> {
  const parsed = guestRequestSchema.safeParse(JSON.parse(json));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
  throw new TypeError(`invalid fetch request: ${problems.join('; ')}`);
}

/**
 * The host half of the guest's `fetch`. Every call goes through the egress client, so the SSRF guard
 * applies; the guest hands over its request as JSON text and gets back a promise that settles with
 * JSON text. Answers are queued rather than pushed into the VM when they arrive: the run loop delivers
 * them, so the VM is only entered from one place, and never after the run has ended.
 */
export class FetchBridge {
  private calls = 0;
  /** Guest promises not yet disposed; a leftover handle would make the runtime abort when it is freed. */
  private readonly open = new Set<QuickJSDeferredPromise>();
  private readonly answered: { deferred: QuickJSDeferredPromise; answer: Answer }[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly context: QuickJSContext,
    private readonly egress: EgressClient,
    /** Aborted at the deadline, on cancellation and when the run ends: in-flight calls stop with it. */
    private readonly stop: AbortSignal,
    private readonly deadline: number,
  ) {}

  readonly hostFetch = (requestJson: QuickJSHandle): QuickJSHandle => {
    const deferred = this.context.newPromise();
    this.open.add(deferred);
    const answer = (value: Answer) => {
      this.answered.push({ deferred, answer: value });
      this.wake?.();
    };
    if (++this.calls > maxFetchesPerRun) {
      answer({ error: { code: 'FETCH_LIMIT', message: `a run may make at most ${maxFetchesPerRun} requests` } });
      return deferred.handle;
    }
    let request: z.output<typeof guestRequestSchema>;
    try {
      request = parseRequest(this.context.getString(requestJson));
    } catch (error) {
      answer({ error: { code: 'FETCH_INVALID_REQUEST', message: (error as Error).message } });
      return deferred.handle;
    }
    this.egress
      .request({
        url: request.url,
        method: request.method.toUpperCase(),
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        ...(request.body !== undefined && { body: request.body }),
        timeoutMs: Math.max(1, this.deadline - Date.now()),
        signal: this.stop,
      })
      .then(responseAnswer, errorAnswer)
      .then(answer);
    return deferred.handle;
  };

  /** True while some call has not been delivered: only then can the guest's awaiting still end. */
  get pending(): boolean {
    return this.open.size > 0;
  }

  /** Settles the guest promises of calls that finished; the caller then runs the jobs this queues. */
  deliver(): void {
    for (const { deferred, answer } of this.answered.splice(0)) {
      try {
        this.context.newString(JSON.stringify(answer)).consume(deferred.resolve);
      } finally {
        deferred.dispose();
        this.open.delete(deferred);
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
    for (const deferred of this.open) deferred.dispose();
    this.open.clear();
  }
}
