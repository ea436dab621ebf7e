import type { StepErrorJson } from '../contracts/run.js';

/**
 * What walking a list of steps ended in. `next`: carry on. `stop`: end the run successfully here (a
 * filter did not pass, an error path handled a failure). `park`: the run was put aside (its job
 * rescheduled in the same commit) and will be walked again later. `fail`: the run failed.
 */
export type Flow =
  | { kind: 'next' }
  | { kind: 'stop' }
  | { kind: 'park' }
  | { kind: 'fail'; error: StepErrorJson & { step?: string } };

export const next: Flow = { kind: 'next' };
export const stop: Flow = { kind: 'stop' };
export const park: Flow = { kind: 'park' };
