import { StepError } from '../step-error.js';

/** The file name user code is evaluated under; stack frames in it give the line to report. */
export const codeFileName = 'code.js';

const maxMessageLength = 1000;
const lineInCode = new RegExp(`${codeFileName.replace('.', '\\.')}:(\\d+)`);

/** How a run ended without a result: what the guest threw (as dumped by QuickJS), or a host-side exception. */
export type Failure = { guest: unknown } | { host: unknown } | { stuck: true };

export interface FailureSituation {
  timedOut: boolean;
  /** The code computed for longer than its CPU budget (time awaiting fetch answers does not count). */
  cpuExceeded: boolean;
  cancelled: boolean;
  timeoutMs: number;
  cpuMs: number;
  memoryMb: number;
  logs: readonly string[];
}

function field(value: object, key: string): string | undefined {
  const found: unknown = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : undefined;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `TypeError: cannot read property 'x' of null (line 3)` from an Error; thrown non-errors are shown as JSON. */
function describeGuestValue(value: unknown): { text: string; outOfMemory: boolean } {
  if (typeof value !== 'object' || value === null || field(value, 'message') === undefined) {
    return { text: `the code threw ${show(value)}`, outOfMemory: false };
  }
  const name = field(value, 'name') ?? 'Error';
  const message = field(value, 'message') ?? '';
  // The user's code starts on line 1 of its file (the wrapper opens on that same line), so lines match the editor.
  const line = lineInCode.exec(field(value, 'stack') ?? '')?.[1];
  return {
    text: `${name}: ${message}${line === undefined ? '' : ` (line ${line})`}`,
    outOfMemory: name === 'InternalError' && message === 'out of memory',
  };
}

function describe(failure: Failure): { text: string; outOfMemory: boolean } {
  if ('stuck' in failure) {
    return { text: 'the code awaits a promise that nothing can settle (the sandbox has no timers)', outOfMemory: false };
  }
  if ('guest' in failure) return describeGuestValue(failure.guest);
  const message = failure.host instanceof Error ? failure.host.message : String(failure.host);
  // QuickJS's own stack limit is kept below the host's, but deep native recursion (parsing deeply nested
  // JSON or source) can still exhaust the host stack first: V8 then throws its RangeError through the VM.
  if (failure.host instanceof RangeError && /call stack/i.test(message)) {
    return { text: 'InternalError: stack overflow (data or calls nest too deeply)', outOfMemory: false };
  }
  return { text: `sandbox failure: ${message}`, outOfMemory: /out of memory/i.test(message) };
}

export function codeTimeout(timeoutMs: number, logs: readonly string[]): StepError {
  return new StepError('CODE_TIMEOUT', `the code did not finish within ${timeoutMs} ms`, { details: { logs } });
}

/** The step error for a failed run. Nothing here is retried: running the same code again fails the same way. */
export function codeFailure(failure: Failure, situation: FailureSituation): StepError {
  const details = { logs: situation.logs };
  if (situation.cancelled) return new StepError('CODE_ABORTED', 'the step was cancelled while the code ran', { details });
  if (situation.cpuExceeded) {
    return new StepError('CODE_TIMEOUT', `the code used more than ${situation.cpuMs} ms of CPU time`, { details });
  }
  if (situation.timedOut) return codeTimeout(situation.timeoutMs, situation.logs);
  const { text, outOfMemory } = describe(failure);
  if (outOfMemory) {
    return new StepError('CODE_MEMORY_LIMIT', `the code ran out of memory (limit ${situation.memoryMb} MB)`, { details });
  }
  const message = text.length > maxMessageLength ? `${text.slice(0, maxMessageLength - 1)}…` : text;
  return new StepError('CODE_ERROR', message, { details });
}
