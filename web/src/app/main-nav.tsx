import { Button, Group } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconActivityHeartbeat, IconBolt, IconHistory, IconPackage, IconPlugConnected } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';

const sections = [
  { to: '/recipes', label: 'Recipes', icon: IconBolt },
  { to: '/runs', label: 'Runs', icon: IconHistory },
  { to: '/connections', label: 'Connections', icon: IconPlugConnected },
  { to: '/packs', label: 'Packs', icon: IconPackage },
  { to: '/health', label: 'Health', icon: IconActivityHeartbeat },
];

export function MainNav() {
  const { pathname } = useLocation();
  // Below 992 px the icons go, so five sections and the account menu still fit a 768 px window.
  const compact = useMediaQuery('(max-width: 61.99em)');
  return (
    <Group component="nav" aria-label="Main" gap={4} wrap="nowrap">
      {sections.map(({ to, label, icon: Icon }) => {
        const active = pathname === to || pathname.startsWith(`${to}/`);
        return (
          <Button
            key={to}
            component={Link}
            to={to}
            variant={active ? 'light' : 'subtle'}
            color={active ? 'blue' : 'gray'}
            leftSection={compact ? undefined : <Icon size={16} aria-hidden />}
            aria-current={active ? 'page' : undefined}
            px="sm"
          >
            {label}
          </Button>
        );
      })}
    </Group>
  );
}
