import { EgressError } from './egress-error.js';

export interface Deadline {
  /** Aborts with an `EgressError` as its reason: `EGRESS_TIMEOUT` or `EGRESS_ABORTED`. */
  signal: AbortSignal;
  dispose(): void;
}

/**
 * One signal for the whole call: it fires when `timeoutMs` passes or the caller aborts. A plain
 * timer that is cleared on completion keeps nothing alive on the hot path once a call is done.
 */
export function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined, origin: string): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new EgressError('EGRESS_TIMEOUT', `no complete response from ${origin} within ${timeoutMs} ms`));
  }, timeoutMs);
  const onCallerAbort = () => controller.abort(new EgressError('EGRESS_ABORTED', `request to ${origin} cancelled`));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
