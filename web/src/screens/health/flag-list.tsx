import { Button, Group, Stack, Text } from '@mantine/core';
import type { HealthCondition } from '@switchyard/server/contracts';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { sentence } from '../../api/api-error';
import { conditionTitles, type FlagAction } from './health-flags';

/** The link that fixes a flag, as a small button. */
export function FlagActionLink({ action }: { action: FlagAction }) {
  return (
    <Button component={Link} to={action.to} size="compact-xs" variant="light" color="orange" aria-label={action.ariaLabel}>
      {action.label}
    </Button>
  );
}

/** A row's flags, each in plain words with the action that fixes it. */
export function FlagList({ flags, action }: { flags: readonly { condition: HealthCondition; message: string }[]; action: (condition: HealthCondition) => FlagAction }) {
  if (flags.length === 0) return null;
  return (
    <Stack gap={6} mt={6}>
      {flags.map((flag) => (
        <Group key={flag.condition} gap={6} wrap="nowrap" align="flex-start" data-testid={`flag-${flag.condition}`}>
          <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Stack gap={4}>
            <Text size="xs">
              <Text span fw={600} size="xs" c="orange.9">
                {conditionTitles[flag.condition]}:
              </Text>{' '}
              {sentence(flag.message)}
            </Text>
            <div>
              <FlagActionLink action={action(flag.condition)} />
            </div>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}
