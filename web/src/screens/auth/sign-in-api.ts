import type { SignInButton } from '@switchyard/server/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

/** The "Continue with …" options of the login page. */
export function useSignInButtons() {
  return useQuery({
    queryKey: ['auth', 'sign-in-providers'],
    queryFn: async () => (await api.get<{ providers: SignInButton[] }>('/auth/sign-in/providers')).providers,
  });
}
