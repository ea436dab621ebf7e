import type { RunStep } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { stepRunOf, stepRunStates } from './run-step-states';

const record = (path: string, stepId: string, status: RunStep['status']): RunStep => ({
  path,
  stepId,
  use: 'core/formatter',
  status,
  input: {},
  output: null,
  error: null,
  attempts: 1,
  idempotencyKey: path,
  sideEffect: false,
  startedAt: null,
  finishedAt: null,
  nextAttemptAt: null,
});

describe('stepRunStates', () => {
  it('gives each step its state and keeps every loop iteration', () => {
    const states = stepRunStates([
      record('shout', 'shout', 'succeeded'),
      record('each', 'each', 'failed'),
      record('each[0].post', 'post', 'succeeded'),
      record('each[1].post', 'post', 'failed'),
      record('maybe', 'maybe', 'skipped'),
      record('wait', 'wait', 'retrying'),
    ]);
    expect(Object.fromEntries([...states].map(([id, run]) => [id, run.state]))).toEqual({
      shout: 'succeeded',
      each: 'failed',
      post: 'failed',
      maybe: 'skipped',
      wait: 'running',
    });
    expect(states.get('post')!.steps.map((step) => step.path)).toEqual(['each[0].post', 'each[1].post']);
  });

  it('counts a step succeeded when some iterations succeeded and others were skipped', () => {
    const states = stepRunStates([record('each[0].x', 'x', 'skipped'), record('each[1].x', 'x', 'succeeded')]);
    expect(states.get('x')!.state).toBe('succeeded');
  });

  it('says "not reached" for a step without a record', () => {
    expect(stepRunOf(stepRunStates([]), 'later')).toEqual({ state: 'not reached', steps: [] });
  });
});
