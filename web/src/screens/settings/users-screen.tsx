import { Alert, Divider, Stack, Table, Text, Title } from '@mantine/core';
import { ApiError, errorMessage } from '../../api';
import { dateTime } from '../../app/format-time';
import { InvitationsSection } from './invitations-section';
import { useUsers } from './settings-api';
import { SignInProvidersSection } from './sign-in-providers-section';

/** The owner's page for who may sign in: users, invitations and sign-in providers. */
export function UsersScreen() {
  const users = useUsers();
  if (users.error instanceof ApiError && users.error.status === 403) {
    return (
      <Stack p="md">
        <Title order={2}>Users and sign-in</Title>
        <Alert color="yellow">Only an owner manages users, invitations and sign-in providers.</Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="lg" p="md" maw={1100}>
      <Title order={2}>Users and sign-in</Title>
      <Stack gap="sm">
        <Title order={3}>Users</Title>
        {users.error && <Alert color="red">{errorMessage(users.error)}</Alert>}
        {users.data && (
          <Table verticalSpacing="xs" aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>E-mail</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Since</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>{user.role}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{dateTime(user.createdAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Divider />
      <InvitationsSection />
      <Divider />
      <SignInProvidersSection />
    </Stack>
  );
}
