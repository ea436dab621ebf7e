import { AppShell, Group, Loader, Text } from '@mantine/core';
import { Outlet, useNavigation } from 'react-router';
import type { User } from '../api/auth';
import { MainNav } from './main-nav';
import { UserMenu } from './user-menu';

/** The signed-in frame: the navigation bar on top, the current screen below. */
export function AppLayout({ user }: { user: User }) {
  const navigation = useNavigation();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Text fw={700} size="lg" c="blue.7">
              Switchyard
            </Text>
            <MainNav />
          </Group>
          <Group gap="sm" wrap="nowrap">
            {navigation.state === 'loading' && <Loader size="xs" aria-label="Loading the screen" />}
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
