import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api-client';

export interface User {
  id: string;
  email: string;
  role: string;
}

export interface AuthStatus {
  setupRequired: boolean;
  /** Who the session cookie belongs to; null when signed out. */
  user: User | null;
}

export const authKeys = { status: ['auth', 'status'] as const };

/** Whether the first owner still has to be created, and who is signed in. */
export function useAuthStatus() {
  return useQuery({ queryKey: authKeys.status, queryFn: () => api.get<AuthStatus>('/auth/status') });
}

function useSignedIn() {
  const client = useQueryClient();
  return (user: User) => client.setQueryData<AuthStatus>(authKeys.status, { setupRequired: false, user });
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
    // Nothing cached may outlive the session: the next user must not see the previous one's data. The auth
    // status stays (mounted observers keep watching that very entry) and now says "signed out".
    onSuccess: () => {
      client.setQueryData<AuthStatus>(authKeys.status, { setupRequired: false, user: null });
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
    },
  });
}
