import type { EgressClient } from '../../egress/egress-client.js';
import { StepError } from '../step-error.js';
import { FetchServer } from './fetch-server.js';
import { sharedSandboxPool, type SandboxPool } from './sandbox-pool.js';

export interface SandboxOptions {
  /** The body of an async function of `input`. */
  code: string;
  /** A JSON value; it enters the sandbox as JSON text. */
  input: unknown;
  /** Wall-clock limit, waiting for fetch answers included. */
  timeoutMs: number;
  /** Limit on computing time alone. */
  cpuMs: number;
  memoryMb: number;
  egress: EgressClient;
  signal: AbortSignal;
  /** The process's shared pool unless given (tests use pools of their own). */
  pool?: SandboxPool;
}

export interface SandboxResult {
  result: unknown;
  logs: string[];
  logsDropped: number;
}

/**
 * Runs user JavaScript in a QuickJS sandbox on a worker thread (see sandbox-pool.ts), serving its
 * `fetch` calls here through the egress guard. Failures throw `StepError`s, none of them retryable:
 * running the same code again fails the same way.
 */
export async function runSandboxed(options: SandboxOptions): Promise<SandboxResult> {
  const fetches = new FetchServer(options.egress);
  const job = {
    code: options.code,
    inputJson: JSON.stringify(options.input ?? null),
    timeoutMs: options.timeoutMs,
    cpuMs: options.cpuMs,
    memoryMb: options.memoryMb,
  };
  const pool = options.pool ?? sharedSandboxPool();
  const outcome = await pool.run(job, (requestJson, deadline) => fetches.serve(requestJson, deadline), options.signal).finally(() => fetches.close());
  if (!outcome.ok) throw new StepError(outcome.code, outcome.message, { details: { logs: outcome.logs } });
  return { result: JSON.parse(outcome.resultJson), logs: outcome.logs, logsDropped: outcome.logsDropped };
}
