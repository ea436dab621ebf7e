import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { useSetup } from '../../api/auth';
import { AuthFrame } from './auth-frame';
import { ownerFormProblems, type OwnerForm, type OwnerFormProblems } from './owner-form-problems';

/** First start: nobody exists yet, so the first person creates the owner and is signed in. */
export function SetupScreen() {
  const setup = useSetup();
  const [form, setForm] = useState<OwnerForm>({ email: '', password: '', repeat: '' });
  const [problems, setProblems] = useState<OwnerFormProblems>({});
  const field = (key: keyof OwnerForm) => ({
    value: form[key],
    error: problems[key] ?? (key !== 'repeat' && setup.error instanceof ApiError ? setup.error.problemAt(`/${key}`) : undefined),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      setForm({ ...form, [key]: event.currentTarget.value });
      setProblems({ ...problems, [key]: undefined });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = ownerFormProblems(form);
    setProblems(found);
    if (Object.keys(found).length === 0) setup.mutate({ email: form.email.trim(), password: form.password });
  };

  const general = setup.error && !(setup.error instanceof ApiError && setup.error.problems.length > 0) ? errorMessage(setup.error) : null;
  return (
    <AuthFrame title="Create the owner" intro="This is a new Switchyard. The owner manages users, connections and packs; you can invite others later.">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="E-mail" type="email" autoComplete="username" required autoFocus {...field('email')} />
          <PasswordInput label="Password" description="At least 10 characters" autoComplete="new-password" required {...field('password')} />
          <PasswordInput label="Repeat the password" autoComplete="new-password" required {...field('repeat')} />
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <Button type="submit" loading={setup.isPending} mt="xs">
            Create the owner
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
