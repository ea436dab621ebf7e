import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { EgressClient } from '../egress/egress-client.js';
import { runSandboxed, type SandboxOptions } from './sandbox/run-sandboxed.js';
import { SandboxPool, spawnSandboxWorker } from './sandbox/sandbox-pool.js';
import { StepError } from './step-error.js';

// No test here fetches: an egress client that would say so.
const egress: EgressClient = {
  request: () => Promise.reject(new Error('unexpected fetch')),
  resolveHost: () => Promise.reject(new Error('unexpected connection')),
  close: () => Promise.resolve(),
};

/** A worker that says it is ready and then never answers: what a sandbox stuck outside QuickJS looks like. */
const stuckWorkerSource = `
  const { parentPort } = require('node:worker_threads');
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', (message) => { if (message.type === 'run') for (;;) {} });
`;

/** A worker whose host heap overflows its resourceLimits as soon as it gets a job. */
const greedyWorkerSource = `
  const { parentPort } = require('node:worker_threads');
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', () => { const hoard = []; for (;;) hoard.push(new Array(1e5).fill({})); });
`;

const pools: SandboxPool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

/** A pool whose first threads come from `first` (one each), and real sandbox workers after that. */
function poolStartingWith(first: (() => Worker)[], options: { size?: number; graceMs?: number } = {}) {
  const spawned: Worker[] = [];
  const pool = new SandboxPool({
    ...options,
    spawn: () => {
      const worker = (first.shift() ?? spawnSandboxWorker)();
      spawned.push(worker);
      return worker;
    },
  });
  pools.push(pool);
  return { pool, spawned };
}

function options(code: string, overrides: Partial<SandboxOptions> = {}): SandboxOptions {
  return { code, input: null, timeoutMs: 5_000, cpuMs: 1_000, memoryMb: 32, egress, signal: new AbortController().signal, ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<StepError> {
  const error: unknown = await promise.then(
    () => new Error('expected the code to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StepError);
  return error as StepError;
}

const exited = (worker: Worker) => new Promise<number>((resolve) => worker.once('exit', resolve));

describe('core/code sandbox pool', () => {
  it('terminates a worker that ignores its deadline and replaces it for the next execution', async () => {
    const { pool, spawned } = poolStartingWith([() => new Worker(stuckWorkerSource, { eval: true })], { size: 1, graceMs: 100 });
    const timedOut = failure(runSandboxed(options('return 1', { timeoutMs: 200, pool })));
    const stuckExit = exited(spawned[0]!); // the pool starts a thread as soon as it is asked to run
    expect(await timedOut).toMatchObject({
      code: 'CODE_TIMEOUT',
      message: 'the code did not finish within 200 ms',
    });
    expect(await stuckExit).toBe(1); // terminated, not finished
    expect((await runSandboxed(options('return 1 + 1', { pool }))).result).toBe(2);
    expect(spawned).toHaveLength(2);
  });

  it('fails the execution with the memory limit when a worker overflows its own heap, then carries on', async () => {
    const greedy = () => new Worker(greedyWorkerSource, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const { pool } = poolStartingWith([greedy], { size: 1 });
    expect(await failure(runSandboxed(options('return 1', { pool, memoryMb: 16 })))).toMatchObject({
      code: 'CODE_MEMORY_LIMIT',
      message: 'the code ran out of memory (limit 16 MB)',
    });
    expect((await runSandboxed(options('return 2', { pool }))).result).toBe(2);
  });

  it('stops a cancelled computation by terminating its worker after the grace period', async () => {
    const { pool, spawned } = poolStartingWith([], { size: 1, graceMs: 100 });
    const controller = new AbortController();
    const looping = runSandboxed(options('while (true) {}', { pool, cpuMs: 10_000, timeoutMs: 60_000, signal: controller.signal }));
    setTimeout(() => controller.abort(), 300);
    expect((await failure(looping)).code).toBe('CODE_ABORTED');
    expect((await runSandboxed(options('return 3', { pool }))).result).toBe(3);
    expect(spawned).toHaveLength(2);
  });

  it('runs as many executions at once as it has threads; the rest wait, and may be cancelled while waiting', async () => {
    const { pool, spawned } = poolStartingWith([], { size: 2 });
    const busy = [1, 2].map(() => failure(runSandboxed(options('while (true) {}', { pool, cpuMs: 500 }))));
    const cancelled = new AbortController();
    const dropped = failure(runSandboxed(options('return "never"', { pool, signal: cancelled.signal })));
    const queued = runSandboxed(options('return "after"', { pool }));
    cancelled.abort();
    expect(await dropped).toMatchObject({ code: 'CODE_ABORTED', message: 'the step was cancelled before the code ran' });
    for (const loop of busy) expect((await loop).code).toBe('CODE_TIMEOUT');
    expect((await queued).result).toBe('after');
    // Interrupted loops leave their workers reusable: nothing had to be replaced.
    expect(spawned).toHaveLength(2);
  });
});
