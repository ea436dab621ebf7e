import { Alert, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { sentence } from '../../api/api-error';
import { FlagActionLink } from './flag-list';
import { conditionTitles, type OpenAlert } from './health-flags';
import { LastSeen } from './last-seen';

/** Alerts still open, each with what it is about, when it was raised, whether owners were mailed, and the fix. */
export function OpenAlerts({ alerts }: { alerts: readonly OpenAlert[] }) {
  if (alerts.length === 0) {
    return (
      <Text size="sm" c="green.8" data-testid="no-open-alerts">
        No open alerts: every connection and live trigger looks as usual.
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-label="Open alerts">
      {alerts.map(({ alert, subject, action }) => (
        <Alert
          key={alert.id}
          color="orange"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={`${subject}: ${conditionTitles[alert.condition].toLowerCase()}`}
          data-testid={`alert-${alert.condition}`}
        >
          <Stack gap={6}>
            <Text size="sm">{sentence(alert.message)}</Text>
            <Group gap="sm">
              {action && <FlagActionLink action={action} />}
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  Raised
                </Text>
                <LastSeen at={alert.raisedAt} size="xs" />
              </Group>
              <Text size="xs" c="dimmed">
                {alert.notifiedAt === null ? 'Not emailed (no SMTP account set for alerts, or sending failed)' : 'Owners were emailed'}
              </Text>
            </Group>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
