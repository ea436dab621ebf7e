import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionView } from '@switchyard/server/contracts';
import { api } from '../../api';

export const connectionKeys = {
  all: ['connections'] as const,
  list: ['connections', 'list'] as const,
  one: (id: string) => ['connections', 'one', id] as const,
};

const path = (id: string) => `/connections/${encodeURIComponent(id)}`;

export function useConnections() {
  return useQuery({
    queryKey: connectionKeys.list,
    queryFn: async () => (await api.get<{ connections: ConnectionView[] }>('/connections')).connections,
  });
}

/** One connection; `pollMs` refetches it (while an OAuth popup is open, in case the popup cannot report back). */
export function useConnection(id: string | null, pollMs: number | false = false) {
  return useQuery({
    queryKey: connectionKeys.one(id ?? ''),
    enabled: id !== null,
    refetchInterval: pollMs,
    queryFn: () => api.get<ConnectionView>(path(id!)),
  });
}

/** Every change refreshes the list and the connection it returned. */
function useConnectionMutation<Vars, Result>(mutationFn: (vars: Vars) => Promise<Result>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => client.invalidateQueries({ queryKey: connectionKeys.all }) });
}

export function useCreateConnection() {
  return useConnectionMutation((body: { packId: string; name: string; fields: Record<string, unknown>; token?: string }) =>
    api.post<{ connection: ConnectionView; authorizeUrl?: string }>('/connections', body),
  );
}

export function useUpdateConnection() {
  return useConnectionMutation(({ id, ...body }: { id: string; name?: string; fields?: Record<string, unknown>; token?: string }) =>
    api.patch<ConnectionView>(path(id), body),
  );
}

export function useDeleteConnection() {
  return useConnectionMutation((id: string) => api.delete(path(id)));
}

export function useTestConnection() {
  return useConnectionMutation((id: string) =>
    api.post<{ ok: boolean; message: string | null; connection: ConnectionView }>(`${path(id)}/test`),
  );
}

export function useStartOAuth() {
  return useConnectionMutation((id: string) => api.post<{ authorizeUrl: string }>(`${path(id)}/oauth/start`));
}
