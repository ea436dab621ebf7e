import { describe, expect, it } from 'vitest';
import type { StepContext } from './define-step.js';
import { filterStep } from './filter-step.js';

const ctx = {} as StepContext;

async function filter(input: unknown) {
  return filterStep.run(filterStep.input.parse(input), ctx);
}

describe('core/filter', () => {
  it('is a pure core step', () => {
    expect(filterStep.key).toBe('core/filter');
    expect(filterStep.sideEffect).toBe(false);
  });

  it('passes when the conditions hold (the recipe-file example)', async () => {
    const outcome = await filter({ all: [{ left: '250', op: 'gt', right: 100 }] });
    expect(outcome).toEqual({ kind: 'done', output: { passed: true } });
  });

  it('reports passed: false, not an error, when they do not', async () => {
    const outcome = await filter({ any: [{ left: 50, op: 'gt', right: 100 }, { left: '', op: 'exists' }] });
    expect(outcome).toEqual({ kind: 'done', output: { passed: false } });
  });

  it('rejects input that is not a condition group', () => {
    expect(filterStep.input.safeParse({ left: 1, op: 'eq', right: 1 }).success).toBe(false);
    expect(filterStep.input.safeParse({ all: [{ left: 1, op: 'between', right: 1 }] }).success).toBe(false);
    expect(filterStep.input.safeParse({ all: [] }).success).toBe(false);
  });
});
