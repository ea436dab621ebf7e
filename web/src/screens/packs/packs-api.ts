import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PackChangeView, PackSummary, Problem } from '@switchyard/server/contracts';
import { api } from '../../api';

export interface PackDetail {
  pack: PackSummary;
  version: string;
  manifest: Record<string, unknown>;
  usedBy: { recipeId: string; name: string }[];
}

export interface PackChanges {
  from: string;
  to: string;
  breaking: boolean;
  changes: PackChangeView[];
}

/** What the install endpoint takes: a manifest, a file's text, or a source (`npm:<name>`, https URL). */
export type PackInstallBody = { manifest: Record<string, unknown> } | { text: string; fileName: string } | { source: string };

export const packKeys = {
  all: ['packs'] as const,
  list: ['packs', 'list'] as const,
  one: (id: string, version?: string) => ['packs', 'one', id, version ?? 'newest'] as const,
  changes: (id: string, from: string, to: string) => ['packs', 'changes', id, from, to] as const,
};

const path = (id: string) => `/packs/${encodeURIComponent(id)}`;

export function usePacks() {
  return useQuery({ queryKey: packKeys.list, queryFn: async () => (await api.get<{ packs: PackSummary[] }>('/packs')).packs });
}

export function usePack(id: string | undefined, version?: string) {
  return useQuery({
    queryKey: packKeys.one(id ?? '', version),
    enabled: id !== undefined && id !== '',
    queryFn: () => api.get<PackDetail>(path(id!), { version }),
  });
}

export function usePackChanges(id: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: packKeys.changes(id, from ?? '', to ?? ''),
    enabled: from !== null && to !== null && from !== to,
    queryFn: () => api.get<PackChanges>(`${path(id)}/changes`, { from: from!, to: to! }),
  });
}

export function useValidatePack() {
  return useMutation({
    mutationFn: (body: { manifest: Record<string, unknown> } | { text: string; fileName: string }) =>
      api.post<{ ok: boolean; problems: Problem[] }>('/packs/validate', body),
  });
}

export function useFromOpenApi() {
  return useMutation({
    mutationFn: (body: { spec: string; id?: string; fileName?: string }) =>
      api.post<{ manifest: Record<string, unknown>; warnings: string[] }>('/packs/from-openapi', body),
  });
}

export function useInstallPack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PackInstallBody) =>
      api.post<{ status: 'installed' | 'updated' | 'unchanged'; pack: PackSummary; version: string }>('/packs', body),
    onSuccess: () => client.invalidateQueries({ queryKey: packKeys.all }),
  });
}

export function useRemovePack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version?: string }) =>
      api.delete<{ removed: string[] }>(version === undefined ? path(id) : `${path(id)}/versions/${encodeURIComponent(version)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: packKeys.all }),
  });
}
