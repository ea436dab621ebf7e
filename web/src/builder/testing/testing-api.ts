import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api';

const encode = encodeURIComponent;

export interface TestListener {
  url: string;
  expiresAt: number;
}

export interface CapturedEvent {
  id: string;
  capturedAt: number;
  event: unknown;
  /** A refused (bad signature, unreadable body) or filtered delivery: shown with why, never a sample. */
  refused?: { code: string; message: string };
}

export interface TriggerSamples {
  recent: { runId: string; createdAt: number; event: unknown }[];
  sample: unknown;
}

export interface StepTestResult {
  ok: boolean;
  input: unknown;
  output?: unknown;
  error?: { code: string; message: string };
  /** What a run would wait for here (delay, approval, sub-recipe); tests never wait. */
  wouldPark?: string;
  ms: number;
}

/** The recipe's test URL and what it caught; polled every 1.5 s while the URL is live. */
export function useTestTrigger(recipeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['builder', 'test-trigger', recipeId],
    queryFn: () => api.get<{ listening: TestListener | null; events: CapturedEvent[] }>(`/recipes/${encode(recipeId)}/test-trigger`),
    enabled,
    refetchInterval: (query) => (query.state.data?.listening ? 1500 : false),
  });
}

export function useStartTestTrigger(recipeId: string) {
  return useMutation({ mutationFn: () => api.post<TestListener>(`/recipes/${encode(recipeId)}/test-trigger`) });
}

/** Trigger events of recent runs and the trigger's own sample; asked for when the user wants them. */
export function useTriggerSamples(recipeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['builder', 'trigger-samples', recipeId],
    queryFn: () => api.get<TriggerSamples>(`/recipes/${encode(recipeId)}/trigger-samples`),
    enabled,
  });
}

export function useTestStep(recipeId: string) {
  return useMutation({
    mutationFn: ({ stepId, sample }: { stepId: string; sample: { trigger: unknown; steps: Record<string, unknown> } }) =>
      api.post<StepTestResult>(`/recipes/${encode(recipeId)}/steps/${encode(stepId)}/test`, { sample }),
  });
}
