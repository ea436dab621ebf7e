import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useLogin } from '../../api/auth';
import { AuthFrame } from './auth-frame';
import { ProviderButtons } from './provider-buttons';
import { useSignInButtons } from './sign-in-api';
import { signInErrorOf } from './sign-in-error';

function loginFailure(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError && error.status === 401) return { title: 'Wrong e-mail or password', message: 'Check both and try again.' };
  if (error instanceof ApiError && error.status === 429) return { title: 'Too many failed sign-ins', message: errorMessage(error) };
  return { title: 'Sign-in failed', message: errorMessage(error) };
}

export function LoginScreen() {
  const login = useLogin();
  const providers = useSignInButtons();
  const location = useLocation();
  const navigate = useNavigate();
  // A provider sign-in that was refused comes back with ?signInError=CODE: shown once, then dropped from the address.
  const [providerFailure, setProviderFailure] = useState(() => signInErrorOf(location.search));
  const params = new URLSearchParams(location.search);
  params.delete('signInError');
  const returnTo = `${location.pathname}${params.size > 0 ? `?${params}` : ''}`;
  const hasError = location.search.includes('signInError=');
  useEffect(() => {
    if (hasError) void navigate(returnTo, { replace: true });
  }, [hasError, navigate, returnTo]);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProviderFailure(null);
    if (email.trim() && password) login.mutate({ email: email.trim(), password });
  };
  const failure = login.error ? loginFailure(login.error) : providerFailure;
  return (
    <AuthFrame title="Sign in" intro="Sign in to build and watch your recipes.">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <ProviderButtons providers={providers.data ?? []} returnTo={returnTo} />
          <TextInput label="E-mail" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          {failure && (
            <Alert color="red" title={failure.title} role="alert">
              {failure.message}
            </Alert>
          )}
          <Button type="submit" loading={login.isPending} mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
