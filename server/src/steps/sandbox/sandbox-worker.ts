/**
 * Entry point of a sandbox worker thread (started by sandbox-pool.ts). It runs one execution at a time,
 * each in a fresh QuickJS instance, so guest code that computes for seconds blocks this thread and not
 * the server's. Built twice: by tsc next to this file, and by bundle.mjs as dist/sandbox-worker.mjs.
 */
import { parentPort } from 'node:worker_threads';
import type { FetchBridge } from './fetch-bridge.js';
import { compileQuickJS } from './load-quickjs.js';
import { runInQuickJS } from './run-in-quickjs.js';
import type { FromWorker, SandboxJob, SandboxOutcome, ToWorker } from './sandbox-protocol.js';

if (!parentPort) throw new Error('sandbox-worker must run in a worker thread');
const port = parentPort;

interface Current {
  id: number;
  cancel: AbortController;
  bridge: FetchBridge | undefined;
}

let current: Current | undefined;

function post(message: FromWorker): void {
  port.postMessage(message);
}

async function execute(id: number, job: SandboxJob): Promise<void> {
  const running: Current = { id, cancel: new AbortController(), bridge: undefined };
  current = running;
  let outcome: SandboxOutcome;
  try {
    outcome = await runInQuickJS(job, {
      sendFetch: (fetchId, requestJson) => post({ type: 'fetch', id, fetchId, requestJson }),
      cancelled: running.cancel.signal,
      onBridge: (bridge) => (running.bridge = bridge),
    });
  } catch (error) {
    // Only setting up QuickJS can throw here (the run itself reports failures as outcomes).
    outcome = { ok: false, code: 'CODE_ERROR', message: `sandbox failure: ${error instanceof Error ? error.message : String(error)}`, logs: [] };
  } finally {
    if (current === running) current = undefined;
  }
  post({ type: 'done', id, outcome });
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'run':
      void execute(message.id, message.job);
      break;
    case 'fetched':
      if (current?.id === message.id) current.bridge?.answer(message.fetchId, message.answerJson);
      break;
    case 'cancel':
      if (current?.id === message.id) current.cancel.abort();
      break;
  }
});

// Compiling QuickJS before announcing readiness keeps that one-off cost out of the first job's time limits.
await compileQuickJS();
post({ type: 'ready' });
