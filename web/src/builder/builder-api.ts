import { useQuery } from '@tanstack/react-query';
import type { ConnectionView, PackSummary, RunDetail, RunSummary } from '@switchyard/server/contracts';
import { api } from '../api';
import { readFields } from '../screens/packs/pack-manifest';
import { buildCatalog, type Catalog, type InstalledPack } from './catalog/step-catalog';
import { packFormFields, type FormField } from './forms/form-field';

const encode = encodeURIComponent;

/** Core steps plus every installed pack's actions and triggers (one request per pack, cached together). */
export function useCatalog() {
  return useQuery({
    queryKey: ['builder', 'catalog'],
    queryFn: async (): Promise<Catalog> => {
      const { packs } = await api.get<{ packs: PackSummary[] }>('/packs');
      const installed = await Promise.all(packs.map((pack) => api.get<InstalledPack>(`/packs/${encode(pack.id)}`)));
      return buildCatalog(installed);
    },
    staleTime: 60_000,
  });
}

export function usePackConnections(packId: string | undefined) {
  return useQuery({
    queryKey: ['connections', 'list', packId],
    enabled: packId !== undefined,
    queryFn: async () => (await api.get<{ connections: ConnectionView[] }>('/connections', { packId })).connections,
  });
}

/** The recipe's newest run with its steps: its trigger event and step outputs feed the pills. */
export function useLatestRun(recipeId: string) {
  return useQuery({
    queryKey: ['runs', 'latest', recipeId],
    queryFn: async (): Promise<RunDetail | null> => {
      const { runs } = await api.get<{ runs: RunSummary[] }>('/runs', { recipe: recipeId, limit: 1 });
      return runs[0] ? api.get<RunDetail>(`/runs/${encode(runs[0].id)}`) : null;
    },
    staleTime: 10_000,
  });
}

/** A field's choices from the vendor, as the chosen connection, given the values it depends on. */
export function useDynamicChoices(use: string, field: string, connection: string | undefined, dependsOn: Record<string, unknown>, enabled: boolean) {
  const [packId = '', key = ''] = use.replace(/@\d+$/, '').split('/');
  return useQuery({
    queryKey: ['builder', 'choices', packId, key, field, connection, dependsOn],
    enabled,
    retry: false,
    queryFn: async () =>
      (await api.post<{ choices: { label: string; value: string | number | boolean }[] }>(
        `/packs/${encode(packId)}/actions/${encode(key)}/fields/${encode(field)}/choices`,
        { ...(connection !== undefined && { connection }), input: dependsOn },
      )).choices,
  });
}

/**
 * An action's dynamic fields (a Salesforce object's fields) as form fields, fetched as the chosen connection
 * for the values they depend on; refetched when those change, reused for a minute like the server does.
 */
export function useDynamicFields(use: string, connection: string | undefined, dependsOn: Record<string, unknown>, enabled: boolean) {
  const [packId = '', key = ''] = use.replace(/@\d+$/, '').split('/');
  return useQuery({
    queryKey: ['builder', 'dynamic-fields', packId, key, connection, dependsOn],
    enabled,
    retry: false,
    staleTime: 60_000,
    queryFn: async (): Promise<FormField[]> => {
      const { fields } = await api.post<{ fields: unknown[] }>(`/packs/${encode(packId)}/actions/${encode(key)}/fields`, {
        ...(connection !== undefined && { connection }),
        input: dependsOn,
      });
      return packFormFields(readFields(fields));
    },
  });
}
