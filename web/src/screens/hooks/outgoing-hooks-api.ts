import type { HookDelivery, HookSubscription } from '@switchyard/server/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';

export const outgoingHookKeys = {
  subscriptions: ['outgoing-hooks', 'subscriptions'] as const,
  deliveries: (id: string) => ['outgoing-hooks', 'deliveries', id] as const,
};

/** Refreshed every 15 s: deliveries and retries happen in the background. */
export function useHookSubscriptions() {
  return useQuery({
    queryKey: outgoingHookKeys.subscriptions,
    queryFn: async () => (await api.get<{ subscriptions: HookSubscription[] }>('/hooks/subscriptions')).subscriptions,
    refetchInterval: 15_000,
  });
}

/** A subscription's newest deliveries with their attempts; fetched once its panel is open. */
export function useHookDeliveries(subscriptionId: string, enabled: boolean) {
  return useQuery({
    queryKey: outgoingHookKeys.deliveries(subscriptionId),
    queryFn: async () => (await api.get<{ deliveries: HookDelivery[] }>(`/hooks/subscriptions/${encodeURIComponent(subscriptionId)}/deliveries`)).deliveries,
    enabled,
    refetchInterval: enabled ? 15_000 : false,
  });
}

/** Removes a subscription and what is still queued for it (the tool subscribes again when it is turned on). */
export function useUnsubscribeHook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (subscriptionId: string) => api.delete(`/hooks/subscriptions/${encodeURIComponent(subscriptionId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: outgoingHookKeys.subscriptions }),
  });
}
