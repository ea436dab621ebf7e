import { Alert, Badge, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { InvitationView } from '@switchyard/server/contracts';
import { IconMailPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api';
import { dateTime } from '../../app/format-time';
import { useInvitations, useInvite, useRevokeInvitation } from './settings-api';

const roles = [
  { value: 'viewer', label: 'Viewer: sees recipes and runs' },
  { value: 'editor', label: 'Editor: builds and runs recipes' },
  { value: 'owner', label: 'Owner: also users, packs and settings' },
];
const statusColors: Record<InvitationView['status'], string> = { open: 'blue', accepted: 'green', revoked: 'gray', expired: 'yellow' };

function InviteForm() {
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('editor');
  const [days, setDays] = useState<number | string>(7);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role, expiresInDays: Number(days) }, { onSuccess: () => setEmail('') });
  };
  const emailProblem = invite.error instanceof ApiError ? invite.error.problems.find((p) => p.path === '/email')?.message : undefined;
  return (
    <form onSubmit={submit} aria-label="Invite someone">
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <TextInput label="E-mail" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={emailProblem} miw={260} />
          <Select label="Role" data={roles} value={role} onChange={(value) => setRole(value ?? 'editor')} allowDeselect={false} miw={280} />
          <NumberInput label="Valid for (days)" min={1} max={90} value={days} onChange={setDays} w={140} />
          <Button type="submit" leftSection={<IconMailPlus size={16} aria-hidden />} loading={invite.isPending}>
            Invite
          </Button>
        </Group>
        {invite.error && !emailProblem && (
          <Alert color="red" role="alert">
            {errorMessage(invite.error)}
          </Alert>
        )}
        {invite.data && (
          <Text size="sm" c="green.8" role="status">
            {invite.data.email} is invited as {invite.data.role}: their first sign-in with a provider that confirms this address creates their user.
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** Who may sign in through a provider without a user yet; open ones can be revoked. */
export function InvitationsSection() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  return (
    <Stack gap="sm">
      <Title order={3}>Invitations</Title>
      <InviteForm />
      {invitations.error && <Alert color="red">{errorMessage(invitations.error)}</Alert>}
      {revoke.error && <Alert color="red">{errorMessage(revoke.error)}</Alert>}
      {invitations.data?.length === 0 && <Text c="dimmed">No invitations yet.</Text>}
      {invitations.data && invitations.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>E-mail</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{invitation.role}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColors[invitation.status]}>
                      {invitation.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{dateTime(invitation.expiresAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {invitation.status === 'open' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === invitation.id}
                        onClick={() => revoke.mutate(invitation.id)}
                        aria-label={`Revoke the invitation of ${invitation.email}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
