import { Accordion, Alert, Badge, Button, Code, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { HookSubscription } from '@switchyard/server/contracts';
import { useState } from 'react';
import { errorMessage, useAuthStatus } from '../../api';
import { dateTime } from '../../app/format-time';
import { HookDeliveriesTable } from './hook-deliveries-table';
import { useHookSubscriptions, useUnsubscribeHook } from './outgoing-hooks-api';

/** What the subscription listens to, in words: the event and its filters. */
function describeFilters(subscription: HookSubscription): string {
  const filters = [
    subscription.recipe_id && `recipe ${subscription.recipe_id}`,
    subscription.emit_name && `name “${subscription.emit_name}”`,
  ].filter(Boolean);
  return filters.length > 0 ? `only ${filters.join(', ')}` : 'every recipe';
}

/** Asks first: an active target stops getting events until its tool subscribes again; an unsubscribed one is cleared away. */
function UnsubscribeButton({ subscription }: { subscription: HookSubscription }) {
  const unsubscribe = useUnsubscribeHook();
  const active = subscription.status === 'active';
  const label = active ? 'Unsubscribe' : 'Remove';
  const confirm = () =>
    modals.openConfirmModal({
      title: active ? 'Unsubscribe this target?' : 'Remove this subscription?',
      children: (
        <Text size="sm">
          {active
            ? `${subscription.target_url} gets no more events, and deliveries still waiting for it are dropped. Zapier, Make and n8n subscribe again when their workflow is turned back on.`
            : `${subscription.target_url} and its delivery history are removed.`}
        </Text>
      ),
      labels: { confirm: label, cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        unsubscribe.mutateAsync(subscription.id).then(
          () => notifications.show({ color: 'green', message: active ? 'Unsubscribed.' : 'Removed.' }),
          (error: unknown) => notifications.show({ color: 'red', title: `Not ${active ? 'unsubscribed' : 'removed'}`, message: errorMessage(error) }),
        );
      },
    });
  return (
    <Button size="xs" color="red" variant="light" onClick={confirm} loading={unsubscribe.isPending} style={{ alignSelf: 'flex-start' }}>
      {label}
    </Button>
  );
}

/**
 * The tools subscribed to Switchyard's events (Zapier, Make, n8n REST hooks), with what was sent to each.
 * Subscriptions are made by those tools through the API; editors can remove one the tool left behind.
 */
export function OutgoingHooksScreen() {
  const subscriptions = useHookSubscriptions();
  const [open, setOpen] = useState<string[]>([]);
  const canEdit = useAuthStatus().data?.user?.role !== 'viewer';
  return (
    <Stack gap="md" p="md" maw={1100}>
      <Title order={2}>Outgoing hooks</Title>
      <Text c="dimmed" maw={760}>
        Zapier, Make and n8n subscribe to run results and emitted events with <Code>POST /api/v1/hooks/subscriptions</Code>. Every delivery is signed
        (Standard Webhooks) and retried for about a day; a target that answers 410 Gone is unsubscribed.
      </Text>
      {subscriptions.isPending && <Loader size="sm" aria-label="Loading subscriptions" />}
      {subscriptions.error && <Alert color="red">{errorMessage(subscriptions.error)}</Alert>}
      {subscriptions.data?.length === 0 && <Text c="dimmed">No tool has subscribed yet.</Text>}
      {subscriptions.data && subscriptions.data.length > 0 && (
        <Accordion multiple value={open} onChange={setOpen} variant="separated" aria-label="Subscriptions">
          {subscriptions.data.map((subscription) => (
            <Accordion.Item key={subscription.id} value={subscription.id} data-testid={`subscription-${subscription.id}`}>
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={0} miw={0}>
                    <Text fw={500} truncate="end">
                      {subscription.target_url}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {subscription.event} · {describeFilters(subscription)} · since {dateTime(subscription.created_at)}
                    </Text>
                  </Stack>
                  <Badge color={subscription.status === 'active' ? 'green' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
                    {subscription.status === 'active' ? 'active' : 'unsubscribed (410 Gone)'}
                  </Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {canEdit && <UnsubscribeButton subscription={subscription} />}
                  <HookDeliveriesTable subscriptionId={subscription.id} open={open.includes(subscription.id)} />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
