import { Alert, Button, Code, Group, Modal, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { SignInProviderKind, SignInProviderView } from '@switchyard/server/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api';
import { formValuesOf, providerInputOf, suggestedId, type ProviderFormValues } from './provider-form-values';
import { useSaveSignInProvider } from './settings-api';

const kinds: { value: SignInProviderKind; label: string }[] = [
  { value: 'google', label: 'Google' },
  { value: 'github', label: 'GitHub' },
  { value: 'oidc', label: 'OpenID Connect' },
];

/** Server problems point into the body (`/issuer`, `/clientSecret`); each is shown under its input. */
function problemFor(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.problems.find((problem) => problem.path === `/${field}`)?.message : undefined;
}

/** Adds a provider (`provider` null) or edits one from settings; the secret is write-only. */
export function ProviderFormModal({ provider, redirectUriTemplate, onClose }: { provider: SignInProviderView | null; redirectUriTemplate: string; onClose: () => void }) {
  const save = useSaveSignInProvider();
  const [values, setValues] = useState<ProviderFormValues>(() => formValuesOf(provider));
  const set = <K extends keyof ProviderFormValues>(key: K, value: ProviderFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const id = provider?.id ?? (values.id.trim() || suggestedId(values));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id, body: providerInputOf(values) }, { onSuccess: onClose });
  };
  const problem = (field: string) => problemFor(save.error, field);
  return (
    <Modal opened onClose={onClose} title={provider ? `Edit ${provider.name}` : 'Add a sign-in provider'} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {!provider && <SegmentedControl aria-label="Provider type" data={kinds} value={values.kind} onChange={(kind) => set('kind', kind as SignInProviderKind)} />}
          <TextInput label="Button label" description={`"Continue with …"; blank for ${values.kind === 'oidc' ? 'Single sign-on' : kinds.find((k) => k.value === values.kind)?.label}`} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} />
          {!provider && values.kind === 'oidc' && (
            <TextInput label="Id" description="Lower-case letters, digits and dashes; part of the redirect URI" placeholder={suggestedId(values)} value={values.id} onChange={(e) => set('id', e.currentTarget.value)} error={problem('id')} />
          )}
          {values.kind !== 'github' && (
            <TextInput
              label="Issuer URL"
              description={values.kind === 'google' ? 'Blank for https://accounts.google.com' : 'e.g. https://login.example.com/realms/staff (its /.well-known/openid-configuration is read)'}
              required={values.kind === 'oidc'}
              value={values.issuer}
              onChange={(e) => set('issuer', e.currentTarget.value)}
              error={problem('issuer')}
            />
          )}
          {values.kind === 'github' && (
            <>
              <TextInput label="GitHub web URL" description="Blank for https://github.com (GitHub Enterprise: its address)" value={values.webUrl} onChange={(e) => set('webUrl', e.currentTarget.value)} error={problem('webUrl')} />
              <TextInput label="GitHub API URL" description="Blank for https://api.github.com" value={values.apiUrl} onChange={(e) => set('apiUrl', e.currentTarget.value)} error={problem('apiUrl')} />
            </>
          )}
          <TextInput label="Client id" required value={values.clientId} onChange={(e) => set('clientId', e.currentTarget.value)} error={problem('clientId')} />
          <PasswordInput
            label="Client secret"
            required={!provider}
            description={provider ? 'Blank keeps the stored secret' : 'Stored encrypted; never shown again'}
            value={values.clientSecret}
            onChange={(e) => set('clientSecret', e.currentTarget.value)}
            error={problem('clientSecret')}
          />
          <Switch label="Offer it on the login page" checked={values.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <Text size="sm">
            Register this redirect URL at the provider: <Code>{redirectUriTemplate.replace('{id}', id)}</Code>
          </Text>
          {save.error !== null && !(save.error instanceof ApiError && save.error.problems.length > 0) && (
            <Alert color="red" title="Not saved" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
