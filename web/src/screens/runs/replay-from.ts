import type { ReplayRequest, RunStep } from '@switchyard/server/contracts';

/** The radio choice of the replay dialog and the request it makes. */
export type ReplayStart = { kind: 'start' } | { kind: 'failed' } | { kind: 'step'; path: string };

export function replayFrom(start: ReplayStart): ReplayRequest['from'] {
  return start.kind === 'step' ? { step: start.path } : start.kind;
}

// Containers fail when a child fails; the server replays from the failing child itself, as this does.
const structural = new Set(['core/loop', 'core/paths']);

/** The step a "from the failed step" replay starts at, or null when no step failed. */
export function failedStep(steps: RunStep[]): RunStep | null {
  return steps.find((step) => step.status === 'failed' && !structural.has(step.use)) ?? null;
}
