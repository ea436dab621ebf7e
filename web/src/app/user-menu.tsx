import { Avatar, Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconLogout, IconUsers, IconWebhook } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../api/api-error';
import { useLogout, type User } from '../api/auth';

export function UserMenu({ user }: { user: User }) {
  const logout = useLogout();
  const signOut = () =>
    logout.mutate(undefined, {
      // Messages about the session's work are not for whoever signs in next.
      onSuccess: () => notifications.clean(),
      onError: (error) => notifications.show({ color: 'red', title: 'Sign-out failed', message: errorMessage(error) }),
    });
  return (
    <Menu position="bottom-end" width={240}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          aria-label={`Account: ${user.email}`}
          leftSection={<Avatar size="sm" color="blue" name={user.email} />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          px="xs"
        >
          <Text size="sm" visibleFrom="md" maw={200} truncate>
            {user.email}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          Signed in as {user.email} ({user.role})
        </Menu.Label>
        {user.role === 'owner' && (
          <Menu.Item component={Link} to="/settings/users" leftSection={<IconUsers size={16} aria-hidden />}>
            Users and sign-in
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/settings/hooks" leftSection={<IconWebhook size={16} aria-hidden />}>
          Outgoing hooks
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut} disabled={logout.isPending}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
