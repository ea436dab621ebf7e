import { useCallback, useState } from 'react';
import type { ChosenEvent } from './test-trigger-panel';
import type { TestSamples } from './test-samples';

/** The builder's testing state: the trigger event picked and the outputs of steps tested, for the pills. */
export function useTestSamples() {
  const [tested, setTested] = useState<TestSamples>({ steps: {} });
  const [chosen, setChosen] = useState<string | undefined>();
  const chooseTrigger = useCallback((event: ChosenEvent) => {
    setChosen(event.key);
    setTested((current) => ({ ...current, trigger: { event: event.event } }));
  }, []);
  const recordOutput = useCallback((stepId: string, output: unknown) => {
    setTested((current) => ({ ...current, steps: { ...current.steps, [stepId]: output } }));
  }, []);
  return { tested, chosen, chooseTrigger, recordOutput };
}

export type TestingState = ReturnType<typeof useTestSamples>;
