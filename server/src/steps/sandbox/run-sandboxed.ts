import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import type { EgressClient } from '../../egress/egress-client.js';
import { StepError } from '../step-error.js';
import { codeFailure, codeFileName, type Failure } from './code-failure.js';
import { FetchBridge } from './fetch-bridge.js';
import { loadQuickJS } from './load-quickjs.js';
import { LogCollector } from './log-collector.js';
import { sandboxPrelude } from './sandbox-prelude.js';

// About 1,400 levels of recursion. QuickJS's own check must trip before V8's stack runs out: the
// interpreter's WebAssembly frames live on V8's stack and take several times what QuickJS counts
// (at 512 KB plain recursion already overflowed the host stack first).
const maxStackBytes = 256 * 1024;

export interface SandboxOptions {
  /** The body of an async function of `input`. */
  code: string;
  /** A JSON value; it enters the sandbox as JSON text. */
  input: unknown;
  timeoutMs: number;
  memoryMb: number;
  egress: EgressClient;
  signal: AbortSignal;
}

export interface SandboxResult {
  result: unknown;
  logs: string[];
  logsDropped: number;
}

type Settled = { returned: QuickJSHandle } | Failure;

/** Runs the VM until the user's promise settles, delivering fetch answers in between. */
async function settle(runtime: QuickJSRuntime, context: QuickJSContext, bridge: FetchBridge, promise: QuickJSHandle, stop: AbortSignal): Promise<Settled | null> {
  for (;;) {
    if (stop.aborted) return null;
    bridge.deliver();
    const jobs = runtime.executePendingJobs();
    if (jobs.error) return { guest: jobs.error.consume((error) => context.dump(error)) };
    const state = context.getPromiseState(promise);
    if (state.type === 'fulfilled') return { returned: state.value };
    if (state.type === 'rejected') return { guest: state.error.consume((error) => context.dump(error)) };
    // Without timers, only a fetch answer can move a pending promise on.
    if (!bridge.pending) return { stuck: true };
    await bridge.nextAnswer();
  }
}

/** Reads `run`'s `{ json, notJson }` answer: both are own data properties, so reading them runs no guest code. */
function readAnswer(context: QuickJSContext, answer: QuickJSHandle): unknown {
  const json = context.getProp(answer, 'json').consume((handle) => (context.typeof(handle) === 'string' ? context.getString(handle) : null));
  if (json !== null) return JSON.parse(json);
  const reason = context.getProp(answer, 'notJson').consume((handle) => context.getString(handle));
  throw new StepError('CODE_RESULT_NOT_JSON', `the code must return a JSON value: ${reason}`.slice(0, 1000));
}

/**
 * Runs user JavaScript in a QuickJS WebAssembly instance of its own. The guest sees standard JavaScript
 * plus `console` and `fetch`, nothing of the host: values cross only as JSON text. One deadline bounds
 * the run twice: the interrupt handler stops guest code that computes past it (the host's timers cannot
 * fire while the VM runs), and a timer stops the wait for fetch answers. Failures throw `StepError`s.
 */
export async function runSandboxed(options: SandboxOptions): Promise<SandboxResult> {
  const quickjs = await loadQuickJS();
  const logs = new LogCollector();
  const deadline = Date.now() + options.timeoutMs;
  const stop = new AbortController();
  // Set by whichever side of the deadline fires; the exception it causes is then reported as a timeout.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, options.timeoutMs);
  const cancel = () => stop.abort();
  options.signal.addEventListener('abort', cancel);
  const runtime = quickjs.newRuntime({
    memoryLimitBytes: options.memoryMb * 1024 * 1024,
    maxStackSizeBytes: maxStackBytes,
    interruptHandler: () => {
      if (Date.now() >= deadline) timedOut = true;
      return timedOut || options.signal.aborted;
    },
  });
  const context = runtime.newContext();
  const bridge = new FetchBridge(context, options.egress, stop.signal, deadline);
  const handles: QuickJSHandle[] = [];
  const keep = (handle: QuickJSHandle) => (handles.push(handle), handle);
  // An exception thrown out of a VM call (V8's stack overflow inside the interpreter, a WebAssembly trap)
  // may leave the QuickJS heap inconsistent: such an instance is not freed piecemeal but dropped whole.
  let intact = true;
  let settled: Settled | null;
  try {
    const hostLog = keep(
      context.newFunction('hostLog', (level, text) => logs.add(context.getString(level), () => context.getString(text))),
    );
    const hostFetch = keep(context.newFunction('hostFetch', bridge.hostFetch));
    const makeRun = keep(context.unwrapResult(context.evalCode(sandboxPrelude, 'sandbox-prelude.js', { type: 'global' })));
    const run = keep(context.unwrapResult(context.callFunction(makeRun, context.undefined, hostLog, hostFetch)));
    // Explicitly global code: left to guess, QuickJS would treat code mentioning `import` as a module.
    const main = context.evalCode(`(async function (input) {${options.code}\n})`, codeFileName, { type: 'global' });
    if (main.error) {
      settled = { guest: main.error.consume((error) => context.dump(error)) };
    } else {
      const input = keep(context.newString(JSON.stringify(options.input ?? null)));
      const promise = keep(context.unwrapResult(context.callFunction(run, context.undefined, keep(main.value), input)));
      settled = await settle(runtime, context, bridge, promise, stop.signal);
    }
    if (settled !== null && 'returned' in settled) {
      const result = readAnswer(context, keep(settled.returned));
      return { result, logs: logs.lines, logsDropped: logs.dropped };
    }
  } catch (error) {
    if (error instanceof StepError) throw error;
    intact = false;
    settled = { host: error };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', cancel);
    stop.abort();
    if (intact) {
      bridge.dispose();
      for (const handle of handles) if (handle.alive) handle.dispose();
      context.dispose();
      runtime.dispose();
    }
  }
  // `null` means the deadline or a cancellation stopped the wait; codeFailure reports those before the cause.
  throw codeFailure(settled ?? { stuck: true }, {
    timedOut,
    cancelled: options.signal.aborted,
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
    logs: logs.lines,
  });
}
