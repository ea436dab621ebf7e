import type { AlertSettings, HealthAlert, IntegrationHealth } from '@switchyard/server/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';

export const healthKeys = {
  view: ['integration-health', 'view'] as const,
  alertSettings: ['integration-health', 'alert-settings'] as const,
};

/** The health view; refreshed every minute, since the server adds call counts every 30 s. */
export function useIntegrationHealth() {
  return useQuery({ queryKey: healthKeys.view, queryFn: () => api.get<IntegrationHealth>('/integrations/health'), refetchInterval: 60_000 });
}

/** Owners: raise and mail new alerts and clear resolved ones now, rather than at the next five-minute check. */
export function useCheckHealthNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ raised: HealthAlert[]; cleared: number }>('/integrations/health/check'),
    onSettled: () => client.invalidateQueries({ queryKey: healthKeys.view }),
  });
}

/** Owners only (the route refuses others). */
export function useAlertSettings() {
  return useQuery({ queryKey: healthKeys.alertSettings, queryFn: () => api.get<AlertSettings>('/integrations/alert-settings') });
}

export function useSaveAlertSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: AlertSettings) => api.put<AlertSettings>('/integrations/alert-settings', settings),
    onSuccess: (saved) => client.setQueryData(healthKeys.alertSettings, saved),
  });
}
