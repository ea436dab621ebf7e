import type { RunStep } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { failedStep, replayFrom } from './replay-from';

const step = (stepId: string, use: string, status: RunStep['status']) => ({ stepId, path: stepId, use, status }) as RunStep;

describe('replayFrom', () => {
  it('maps each choice to the request body', () => {
    expect(replayFrom({ kind: 'start' })).toBe('start');
    expect(replayFrom({ kind: 'failed' })).toBe('failed');
    expect(replayFrom({ kind: 'step', path: 'each[1].post' })).toEqual({ step: 'each[1].post' });
  });
});

describe('failedStep', () => {
  it('skips a loop that failed because of its child and finds the child', () => {
    const steps = [step('ok', 'core/formatter', 'succeeded'), step('each', 'core/loop', 'failed'), step('post', 'core/http', 'failed')];
    expect(failedStep(steps)?.stepId).toBe('post');
  });

  it('is null when nothing failed', () => {
    expect(failedStep([step('ok', 'core/formatter', 'succeeded')])).toBeNull();
  });
});
