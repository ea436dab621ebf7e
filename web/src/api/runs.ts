import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReplayPreview, ReplayRequest, RunDetail, RunStatus, RunSummary } from '@switchyard/server/contracts';
import { api } from './api-client';

export interface RunFilter {
  recipe?: string;
  status?: RunStatus;
}

export const runKeys = {
  all: ['runs'] as const,
  list: (filter: RunFilter) => ['runs', 'list', filter] as const,
  one: (id: string) => ['runs', 'one', id] as const,
  preview: (id: string, request: ReplayChoice) => ['runs', 'preview', id, request] as const,
};

/** Where a replay starts and which version of the recipe it runs. */
export type ReplayChoice = Pick<ReplayRequest, 'from' | 'version'>;

const pageSize = 25;

const unfinished = new Set<RunStatus>(['queued', 'running', 'waiting']);

/** Runs, newest first, a page at a time (the server's cursor is the last id of the previous page). */
export function useRuns(filter: RunFilter = {}) {
  return useInfiniteQuery({
    queryKey: runKeys.list(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ runs: RunSummary[]; nextCursor: string | null }>('/runs', { ...filter, cursor: pageParam, limit: pageSize }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // While a listed run is still going the list refreshes, so its result appears without a reload.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.runs.some((run) => unfinished.has(run.status))) ? 2000 : false,
  });
}

/** One run with its steps; polled while it is still going. */
export function useRun(id: string) {
  return useQuery({
    queryKey: runKeys.one(id),
    queryFn: () => api.get<RunDetail>(`/runs/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && unfinished.has(query.state.data.status) ? 1500 : false),
  });
}

/** What a replay would reuse and run again, without starting anything. */
export function useReplayPreview(id: string, choice: ReplayChoice | null) {
  return useQuery({
    queryKey: runKeys.preview(id, choice ?? { from: 'start', version: 'original' }),
    enabled: choice !== null,
    queryFn: async () =>
      (await api.post<{ preview: ReplayPreview }>(`/runs/${encodeURIComponent(id)}/replay`, { ...choice, preview: true })).preview,
  });
}

export function useReplay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...choice }: { id: string } & ReplayChoice) =>
      api.post<{ runId: string; preview: ReplayPreview }>(`/runs/${encodeURIComponent(id)}/replay`, choice),
    onSuccess: () => client.invalidateQueries({ queryKey: runKeys.all }),
  });
}

export function useCancelRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RunSummary>(`/runs/${encodeURIComponent(id)}/cancel`),
    onSuccess: () => client.invalidateQueries({ queryKey: runKeys.all }),
  });
}
