/** Samples chosen or produced while testing in the builder; they win over run data and pack samples. */
export interface TestSamples {
  /** The trigger event picked in the test-trigger panel (undefined until one is picked). */
  trigger?: { event: unknown };
  /** Outputs of steps tested here, by step id. */
  steps: Record<string, unknown>;
}

export interface Samples {
  triggerSample: unknown;
  stepSamples: Record<string, unknown>;
}

export function withTestSamples(base: Samples, tested: TestSamples): Samples {
  return {
    triggerSample: tested.trigger ? tested.trigger.event : base.triggerSample,
    stepSamples: { ...base.stepSamples, ...tested.steps },
  };
}

/** What a step test sends: only the steps it may read matter, but the rest does no harm and keeps this simple. */
export function sampleScope(samples: Samples): { trigger: unknown; steps: Record<string, unknown> } {
  return { trigger: samples.triggerSample ?? null, steps: samples.stepSamples };
}
