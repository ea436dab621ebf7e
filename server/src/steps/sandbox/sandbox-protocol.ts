/**
 * Messages between the main thread and a sandbox worker. They hold only strings and numbers (JSON
 * values): guest values already travel as JSON text, and nothing richer should cross a thread boundary
 * that exists to isolate guest code.
 */

/** What the guest's `fetch` receives, as JSON text: a response, or why there is none. */
export type FetchAnswer =
  | { response: { status: number; url: string; headers: Record<string, string>; body: string } }
  | { error: { code: string; message: string } };

export const maxFetchesPerRun = 20;

/**
 * The answer to every call past the limit. The worker gives it without asking the main thread, so a
 * guest calling `fetch` in a tight loop cannot flood the main thread with messages; the main thread
 * counts too, in case the worker did not.
 */
export const fetchLimitAnswer: FetchAnswer = { error: { code: 'FETCH_LIMIT', message: `a run may make at most ${maxFetchesPerRun} requests` } };

/** One execution, as the worker receives it. */
export interface SandboxJob {
  /** The body of an async function of `input`. */
  code: string;
  /** The `input` value as JSON text. */
  inputJson: string;
  /** Wall-clock limit; the worker computes its deadline from when it receives the job. */
  timeoutMs: number;
  /** Limit on time spent computing; waiting for fetch answers does not count. */
  cpuMs: number;
  memoryMb: number;
}

/** How an execution ended: the result as JSON text, or the StepError to raise (never retryable). */
export type SandboxOutcome =
  | { ok: true; resultJson: string; logs: string[]; logsDropped: number }
  | { ok: false; code: string; message: string; logs: string[] };

export type ToWorker =
  | { type: 'run'; id: number; job: SandboxJob }
  /** The answer to a guest `fetch`, as the JSON text the guest's promise resolves with. */
  | { type: 'fetched'; id: number; fetchId: number; answerJson: string }
  | { type: 'cancel'; id: number };

export type FromWorker =
  /** Sent once, when QuickJS is compiled and the worker takes jobs. */
  | { type: 'ready' }
  /** The guest called `fetch`; the main thread answers with `fetched` (the egress guard lives there). */
  | { type: 'fetch'; id: number; fetchId: number; requestJson: string }
  | { type: 'done'; id: number; outcome: SandboxOutcome };
