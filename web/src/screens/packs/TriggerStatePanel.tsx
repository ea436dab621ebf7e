import { Alert, Badge, Button, Code, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api';
import { isPackTriggerState, useResetTriggerState, useTriggerState, type PackTriggerState } from './trigger-state-api';

const when = (epochMs: number | null | undefined) => (epochMs === null || epochMs === undefined ? '—' : new Date(epochMs).toLocaleString());

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}

function PackFacts({ state }: { state: PackTriggerState }) {
  return (
    <>
      {state.seeded !== undefined && <Fact label="First poll">{state.seeded ? 'done (existing items noted)' : 'not yet'}</Fact>}
      {state.cursor !== undefined && (
        <Fact label="Poll cursor"><Code>{String(state.cursor)}</Code>{state.idsAtCursor ? ` (${state.idsAtCursor} ids at it)` : ''}</Fact>
      )}
      <Fact label="Items seen">{state.seenCount}</Fact>
      {state.lastPollAt !== undefined && <Fact label="Last poll">{when(state.lastPollAt)}</Fact>}
      {state.subscriptionId !== undefined && <Fact label="Subscription"><Code>{state.subscriptionId}</Code></Fact>}
      {state.expiresAt !== undefined && <Fact label="Subscription expires">{when(state.expiresAt)}</Fact>}
      {state.handshakeDone && <Fact label="Handshake">done</Fact>}
    </>
  );
}

/**
 * What a live trigger remembers (poll cursor, seen items, subscription, last poll and error), with a reset
 * that makes it forget: polls note the existing items again, subscriptions are made anew, schedules restart.
 */
export function TriggerStatePanel({ triggerId }: { triggerId: string }) {
  const state = useTriggerState(triggerId);
  const reset = useResetTriggerState(triggerId);

  const confirmReset = () =>
    modals.openConfirmModal({
      title: 'Reset the trigger?',
      children: (
        <Text size="sm">
          It forgets what it has seen. A poll notes the current items again without starting runs for them; a subscription is
          made anew with the app.
        </Text>
      ),
      labels: { confirm: 'Reset', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        reset.mutateAsync().then(
          () => notifications.show({ color: 'green', message: 'The trigger was reset.' }),
          (error: unknown) => notifications.show({ color: 'red', title: 'Not reset', message: errorMessage(error) }),
        );
      },
    });

  if (state.error) return <Alert color="red">{errorMessage(state.error)}</Alert>;
  if (!state.data) return <Loader size="sm" aria-label="Loading the trigger state" />;
  const { kind, active, webhookUrl, lastFireAt, nextFireAt } = state.data;
  const packState = isPackTriggerState(kind, state.data.state) ? state.data.state : null;
  return (
    <Paper withBorder p="sm" data-testid="trigger-state">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={500}>Trigger state</Text>
            <Badge variant="light" color={active ? 'green' : 'gray'}>{active ? 'active' : 'inactive'}</Badge>
            <Badge variant="light" color="gray" tt="none" ff="monospace">{kind}</Badge>
          </Group>
          <Button size="xs" variant="default" color="red" leftSection={<IconRefresh size={14} />} loading={reset.isPending} onClick={confirmReset}>
            Reset
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <Fact label="Last fired">{when(lastFireAt)}</Fact>
          {nextFireAt !== null && <Fact label="Next check">{when(nextFireAt)}</Fact>}
          {webhookUrl && <Fact label="Webhook URL"><Code>{webhookUrl}</Code></Fact>}
          {packState && <PackFacts state={packState} />}
        </SimpleGrid>
        {packState?.lastError && (
          <Alert color="red" title={`Last error, ${when(packState.lastError.at)}`}>{packState.lastError.message}</Alert>
        )}
        {!packState && state.data.state !== null && state.data.state !== undefined && (
          <Code block>{JSON.stringify(state.data.state, null, 2)}</Code>
        )}
      </Stack>
    </Paper>
  );
}
