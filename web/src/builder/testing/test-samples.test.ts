import { describe, expect, it } from 'vitest';
import { sampleScope, withTestSamples } from './test-samples';

describe('test samples', () => {
  const base = { triggerSample: { body: { from: 'run' } }, stepSamples: { a: { from: 'run' }, b: { from: 'pack' } } };

  it('keeps run and pack samples until something is tested', () => {
    expect(withTestSamples(base, { steps: {} })).toEqual(base);
  });

  it('lets a chosen trigger event (even null) and tested outputs win', () => {
    const merged = withTestSamples(base, { trigger: { event: null }, steps: { b: { from: 'test' } } });
    expect(merged).toEqual({ triggerSample: null, stepSamples: { a: { from: 'run' }, b: { from: 'test' } } });
  });

  it('sends null for a missing trigger sample', () => {
    expect(sampleScope({ triggerSample: undefined, stepSamples: {} })).toEqual({ trigger: null, steps: {} });
  });
});
