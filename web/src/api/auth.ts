import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api-client';
import { ApiError } from './api-error';

export interface User {
  id: string;
  email: string;
  role: string;
}

export const authKeys = { status: ['auth', 'status'] as const, me: ['auth', 'me'] as const };

/** Whether the first owner still has to be created. */
export function useAuthStatus() {
  return useQuery({ queryKey: authKeys.status, queryFn: () => api.get<{ setupRequired: boolean }>('/auth/status') });
}

/** The signed-in user, or null when there is no session (a 401 is an answer here, not an error). */
export function useMe(enabled = true) {
  return useQuery({
    queryKey: authKeys.me,
    enabled,
    queryFn: async () => {
      try {
        return await api.get<User & { via: string }>('/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

function useSignedIn() {
  const client = useQueryClient();
  return (user: User) => {
    client.setQueryData(authKeys.status, { setupRequired: false });
    client.setQueryData(authKeys.me, { ...user, via: 'session' });
  };
}

export function useSetup() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<User>('/setup', body),
    onSuccess: signedIn,
  });
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<User>('/auth/login', body),
    onSuccess: signedIn,
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    // Nothing cached may outlive the session: the next user must not see the previous one's data.
    onSuccess: () => {
      client.clear();
      client.setQueryData(authKeys.status, { setupRequired: false });
      client.setQueryData(authKeys.me, null);
    },
  });
}
