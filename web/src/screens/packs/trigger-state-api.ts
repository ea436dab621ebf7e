import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';

/** A pack trigger's state as the API shows it (no secrets); core triggers keep their own shape. */
export interface PackTriggerState {
  seeded?: boolean;
  cursor?: string | number;
  idsAtCursor?: number;
  seenCount: number;
  lastPollAt?: number;
  subscriptionId?: string;
  expiresAt?: number;
  handshakeDone?: boolean;
  lastError: { at: number; message: string } | null;
}

export interface TriggerState {
  id: string;
  recipeId: string;
  kind: string;
  active: boolean;
  webhookUrl?: string;
  lastFireAt: number | null;
  nextFireAt: number | null;
  enabledAt: number | null;
  state: unknown;
}

const key = (id: string) => ['triggers', 'state', id] as const;
const path = (id: string) => `/triggers/${encodeURIComponent(id)}/state`;

export function useTriggerState(id: string) {
  return useQuery({ queryKey: key(id), queryFn: () => api.get<TriggerState>(path(id)) });
}

export function useResetTriggerState(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<TriggerState>(path(id)),
    onSuccess: (state) => client.setQueryData(key(id), state),
  });
}

export const isPackTriggerState = (kind: string, state: unknown): state is PackTriggerState =>
  !kind.startsWith('core/') && typeof state === 'object' && state !== null && 'seenCount' in state;
