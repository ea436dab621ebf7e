import type { InvitationView, SignInProviderInput, SignInProviderView } from '@switchyard/server/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';

export interface UserRow {
  id: string;
  email: string;
  role: string;
  createdAt: number;
}

const keys = {
  users: ['settings', 'users'] as const,
  invitations: ['settings', 'invitations'] as const,
  providers: ['settings', 'sign-in-providers'] as const,
};

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: async () => (await api.get<{ users: UserRow[] }>('/users')).users });
}

export function useInvitations() {
  return useQuery({ queryKey: keys.invitations, queryFn: async () => (await api.get<{ invitations: InvitationView[] }>('/invitations')).invitations });
}

export function useSignInProviders() {
  return useQuery({ queryKey: keys.providers, queryFn: () => api.get<{ providers: SignInProviderView[]; redirectUriTemplate: string }>('/sign-in/providers') });
}

/** A change that refreshes `key` (and the login page's buttons) whatever its outcome. */
function useSettingsMutation<Vars, Result>(key: readonly string[], mutationFn: (vars: Vars) => Promise<Result>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: key });
      await client.invalidateQueries({ queryKey: ['auth', 'sign-in-providers'] });
    },
  });
}

export function useInvite() {
  return useSettingsMutation(keys.invitations, (body: { email: string; role: string; expiresInDays: number }) => api.post<InvitationView>('/invitations', body));
}

export function useRevokeInvitation() {
  return useSettingsMutation(keys.invitations, (id: string) => api.delete<InvitationView>(`/invitations/${encodeURIComponent(id)}`));
}

export function useSaveSignInProvider() {
  return useSettingsMutation(keys.providers, ({ id, body }: { id: string; body: SignInProviderInput }) =>
    api.put<SignInProviderView>(`/sign-in/providers/${encodeURIComponent(id)}`, body),
  );
}

export function useRemoveSignInProvider() {
  return useSettingsMutation(keys.providers, (id: string) => api.delete(`/sign-in/providers/${encodeURIComponent(id)}`));
}
