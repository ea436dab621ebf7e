import { Alert, Badge, Button, Code, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { SignInProviderView } from '@switchyard/server/contracts';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { ProviderFormModal } from './provider-form-modal';
import { useRemoveSignInProvider, useSignInProviders } from './settings-api';

/** Google, GitHub and OpenID Connect providers: from the environment (read-only) and from settings. */
export function SignInProvidersSection() {
  const providers = useSignInProviders();
  const remove = useRemoveSignInProvider();
  const [editing, setEditing] = useState<SignInProviderView | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Sign-in providers</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} variant="light" onClick={() => setEditing('new')}>
          Add provider
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        People sign in with Google, GitHub or your OpenID Connect provider as well as with a password. Only addresses the provider has verified count: an
        existing user&apos;s address is linked to it, an invited one becomes a new user, any other is refused.
      </Text>
      {providers.error && <Alert color="red">{errorMessage(providers.error)}</Alert>}
      {remove.error && <Alert color="red">{errorMessage(remove.error)}</Alert>}
      {providers.data?.providers.length === 0 && <Text c="dimmed">No providers yet: only passwords sign in.</Text>}
      {providers.data && providers.data.providers.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" aria-label="Sign-in providers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Provider</Table.Th>
                <Table.Th>Client id</Table.Th>
                <Table.Th>Redirect URL to register</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {providers.data.providers.map((provider) => (
                <Table.Tr key={provider.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={500}>{provider.name}</Text>
                      {provider.source === 'env' && <Badge variant="light" color="gray">environment</Badge>}
                      {!provider.enabled && <Badge variant="light" color="yellow">off</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {provider.issuer ?? provider.webUrl}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{provider.clientId}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{provider.redirectUri}</Code>
                  </Table.Td>
                  <Table.Td>
                    {provider.source === 'settings' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(provider)} aria-label={`Edit ${provider.name}`}>
                          Edit
                        </Button>
                        <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === provider.id} onClick={() => remove.mutate(provider.id)} aria-label={`Remove ${provider.name}`}>
                          Remove
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && providers.data && (
        <ProviderFormModal provider={editing === 'new' ? null : editing} redirectUriTemplate={providers.data.redirectUriTemplate} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
