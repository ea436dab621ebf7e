import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import { StepError } from '../step-error.js';
import { codeFailure, codeFileName, type Failure } from './code-failure.js';
import { ComputeClock } from './compute-clock.js';
import { FetchBridge } from './fetch-bridge.js';
import { loadQuickJS } from './load-quickjs.js';
import { LogCollector } from './log-collector.js';
import { sandboxPrelude } from './sandbox-prelude.js';
import type { SandboxJob, SandboxOutcome } from './sandbox-protocol.js';

// About 1,400 levels of recursion. QuickJS's own check must trip before V8's stack runs out: the
// interpreter's WebAssembly frames live on V8's stack and take several times what QuickJS counts
// (at 512 KB plain recursion already overflowed the host stack first).
const maxStackBytes = 256 * 1024;

export interface RunControl {
  /** Posts a guest fetch request to the main thread. */
  sendFetch(fetchId: number, requestJson: string): void;
  /** Aborted when the main thread cancels the execution. */
  cancelled: AbortSignal;
  /** Receives the bridge so the worker can route fetch answers to it. */
  onBridge(bridge: FetchBridge): void;
}

type Settled = { returned: QuickJSHandle } | Failure;

/** Runs the VM until the user's promise settles, delivering fetch answers in between. */
async function settle(
  runtime: QuickJSRuntime,
  context: QuickJSContext,
  bridge: FetchBridge,
  clock: ComputeClock,
  promise: QuickJSHandle,
  stop: AbortSignal,
): Promise<Settled | null> {
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
    // Waiting is not computing: only the wall clock runs meanwhile.
    clock.pause();
    await bridge.nextAnswer();
    clock.resume();
  }
}

/** Reads `run`'s `{ json, notJson }` answer: both are own data properties, so reading them runs no guest code. */
function readAnswer(context: QuickJSContext, answer: QuickJSHandle): string {
  const json = context.getProp(answer, 'json').consume((handle) => (context.typeof(handle) === 'string' ? context.getString(handle) : null));
  if (json !== null) return json;
  const reason = context.getProp(answer, 'notJson').consume((handle) => context.getString(handle));
  throw new StepError('CODE_RESULT_NOT_JSON', `the code must return a JSON value: ${reason}`.slice(0, 1000));
}

function failed(error: StepError, logs: string[]): SandboxOutcome {
  return { ok: false, code: error.code, message: error.message, logs };
}

/**
 * Runs user JavaScript in a QuickJS WebAssembly instance of its own (inside a sandbox worker). The guest
 * sees standard JavaScript plus `console` and `fetch`, nothing of the host: values cross only as JSON
 * text. The interrupt handler stops guest code that computes past its CPU budget or the wall-clock
 * deadline (the host's timers cannot fire while the VM runs); a timer stops the wait for fetch answers
 * at the deadline. Never throws: failures come back as outcomes.
 */
export async function runInQuickJS(job: SandboxJob, control: RunControl): Promise<SandboxOutcome> {
  const quickjs = await loadQuickJS();
  const logs = new LogCollector();
  const clock = new ComputeClock();
  const deadline = Date.now() + job.timeoutMs;
  const stop = new AbortController();
  // Set by whichever limit fires; the exception it causes is then reported as a timeout.
  let timedOut = false;
  let cpuExceeded = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, job.timeoutMs);
  const cancel = () => stop.abort();
  control.cancelled.addEventListener('abort', cancel);
  const runtime = quickjs.newRuntime({
    memoryLimitBytes: job.memoryMb * 1024 * 1024,
    maxStackSizeBytes: maxStackBytes,
    interruptHandler: () => {
      if (clock.elapsed() >= job.cpuMs) cpuExceeded = true;
      else if (Date.now() >= deadline) timedOut = true;
      return cpuExceeded || timedOut;
    },
  });
  const context = runtime.newContext();
  const bridge = new FetchBridge(context, control.sendFetch, stop.signal);
  control.onBridge(bridge);
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
    // The CPU budget is the user's: setting up the sandbox above does not count against it.
    clock.resume();
    // Explicitly global code: left to guess, QuickJS would treat code mentioning `import` as a module.
    const main = context.evalCode(`(async function (input) {${job.code}\n})`, codeFileName, { type: 'global' });
    if (main.error) {
      settled = { guest: main.error.consume((error) => context.dump(error)) };
    } else {
      const input = keep(context.newString(job.inputJson));
      const promise = keep(context.unwrapResult(context.callFunction(run, context.undefined, keep(main.value), input)));
      settled = await settle(runtime, context, bridge, clock, promise, stop.signal);
    }
    if (settled !== null && 'returned' in settled) {
      const resultJson = readAnswer(context, keep(settled.returned));
      return { ok: true, resultJson, logs: logs.lines, logsDropped: logs.dropped };
    }
  } catch (error) {
    if (error instanceof StepError) return failed(error, logs.lines);
    intact = false;
    settled = { host: error };
  } finally {
    clearTimeout(timer);
    control.cancelled.removeEventListener('abort', cancel);
    stop.abort();
    if (intact) {
      bridge.dispose();
      for (const handle of handles) if (handle.alive) handle.dispose();
      context.dispose();
      runtime.dispose();
    }
  }
  // `null` means a limit or a cancellation stopped the wait; codeFailure reports those before the cause.
  const error = codeFailure(settled ?? { stuck: true }, {
    timedOut,
    cpuExceeded,
    cancelled: control.cancelled.aborted,
    timeoutMs: job.timeoutMs,
    cpuMs: job.cpuMs,
    memoryMb: job.memoryMb,
    logs: logs.lines,
  });
  return failed(error, logs.lines);
}
