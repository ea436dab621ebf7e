import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage, useAuthStatus } from '../../api';
import { PageLoader } from '../../app/page-loader';
import { usePacks } from '../packs/packs-api';
import { AlertSettingsPanel } from './alert-settings-panel';
import { ConnectionsHealthTable } from './connections-health-table';
import { useCheckHealthNow, useIntegrationHealth } from './health-api';
import { openAlerts } from './health-flags';
import { OpenAlerts } from './open-alerts';
import { TriggersHealthTable } from './triggers-health-table';

/**
 * Integration health: open alerts on top, then every connection and live trigger with 14 days of traffic and
 * failures and the flags that need a person, then (owners) where alert emails go.
 */
export function HealthScreen() {
  const health = useIntegrationHealth();
  const packs = usePacks();
  const check = useCheckHealthNow();
  const isOwner = useAuthStatus().data?.user?.role === 'owner';
  const packOf = new Map((packs.data ?? []).map((pack) => [pack.id, pack]));

  const checkNow = () =>
    check.mutate(undefined, {
      onSuccess: ({ raised, cleared }) =>
        notifications.show({
          color: raised.length > 0 ? 'orange' : 'green',
          title: 'Check done',
          message: `${raised.length === 1 ? '1 new alert' : `${raised.length} new alerts`}, ${cleared} cleared.`,
        }),
      onError: (error) => notifications.show({ color: 'red', title: 'Check not run', message: errorMessage(error) }),
    });

  return (
    <Stack gap="lg" p="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Integration health</Title>
          <Text size="sm" c="dimmed">
            Calls and events per day for the last 14 days. Checked every five minutes; owners are alerted when something needs them.
          </Text>
        </div>
        {isOwner && (
          <Button leftSection={<IconRefresh size={16} aria-hidden />} variant="default" loading={check.isPending} onClick={checkNow}>
            Check now
          </Button>
        )}
      </Group>
      {health.error && <Alert color="red">{errorMessage(health.error)}</Alert>}
      {health.isPending && <PageLoader />}
      {health.data && (
        <>
          <OpenAlerts alerts={openAlerts(health.data)} />
          <Stack gap="sm" component="section" aria-labelledby="health-connections-title">
            <Title order={3} id="health-connections-title">
              Connections
            </Title>
            {health.data.connections.length === 0 ? (
              <Text c="dimmed">
                No connections yet. <Anchor component={Link} to="/connections">Add one on Connections</Anchor>; its calls and failures show here once
                recipes use it.
              </Text>
            ) : (
              <ConnectionsHealthTable connections={health.data.connections} packs={packOf} />
            )}
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="health-triggers-title">
            <Title order={3} id="health-triggers-title">
              Live triggers
            </Title>
            {health.data.triggers.length === 0 ? (
              <Text c="dimmed">
                No live triggers. <Anchor component={Link} to="/recipes">Publish a recipe</Anchor> (a webhook, a schedule or an app&apos;s trigger)
                and its events show here.
              </Text>
            ) : (
              <TriggersHealthTable triggers={health.data.triggers} />
            )}
          </Stack>
        </>
      )}
      {isOwner && <AlertSettingsPanel />}
    </Stack>
  );
}
