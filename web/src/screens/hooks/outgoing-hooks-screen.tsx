import { Accordion, Alert, Badge, Code, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { HookSubscription } from '@switchyard/server/contracts';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { dateTime } from '../../app/format-time';
import { HookDeliveriesTable } from './hook-deliveries-table';
import { useHookSubscriptions } from './outgoing-hooks-api';

/** What the subscription listens to, in words: the event and its filters. */
function describeFilters(subscription: HookSubscription): string {
  const filters = [
    subscription.recipe_id && `recipe ${subscription.recipe_id}`,
    subscription.emit_name && `name “${subscription.emit_name}”`,
  ].filter(Boolean);
  return filters.length > 0 ? `only ${filters.join(', ')}` : 'every recipe';
}

/**
 * The tools subscribed to Switchyard's events (Zapier, Make, n8n REST hooks), with what was sent to each.
 * Subscriptions are made by those tools through the API, so this screen only shows them.
 */
export function OutgoingHooksScreen() {
  const subscriptions = useHookSubscriptions();
  const [open, setOpen] = useState<string[]>([]);
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
                <HookDeliveriesTable subscriptionId={subscription.id} open={open.includes(subscription.id)} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
