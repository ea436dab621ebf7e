import type { RunStep } from '@switchyard/server/contracts';

export type StepRunState = 'succeeded' | 'failed' | 'skipped' | 'running' | 'not reached';

export interface StepRun {
  state: StepRunState;
  /** Every record of the step in this run: one, or one per loop iteration. */
  steps: RunStep[];
}

const going = new Set<RunStep['status']>(['running', 'retrying', 'sleeping', 'waiting']);

function stateOf(steps: RunStep[]): StepRunState {
  if (steps.some((step) => step.status === 'failed')) return 'failed';
  if (steps.some((step) => going.has(step.status))) return 'running';
  if (steps.some((step) => step.status === 'succeeded')) return 'succeeded';
  return 'skipped';
}

/**
 * How each step of the recipe fared in a run, by step id. A step inside a loop has a record per iteration
 * (paths like `each[2].notify`); it counts as failed if any iteration failed, as running while any runs.
 */
export function stepRunStates(steps: RunStep[]): Map<string, StepRun> {
  const byId = new Map<string, RunStep[]>();
  for (const step of steps) byId.set(step.stepId, [...(byId.get(step.stepId) ?? []), step]);
  return new Map([...byId].map(([id, records]) => [id, { state: stateOf(records), steps: records }]));
}

/** A step the run never got to has no record at all. */
export function stepRunOf(states: Map<string, StepRun>, id: string): StepRun {
  return states.get(id) ?? { state: 'not reached', steps: [] };
}
