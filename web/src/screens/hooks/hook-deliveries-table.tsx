import { Alert, Badge, List, Loader, Table, Text } from '@mantine/core';
import type { HookDelivery } from '@switchyard/server/contracts';
import { errorMessage } from '../../api';
import { dateTime, duration } from '../../app/format-time';
import { useHookDeliveries } from './outgoing-hooks-api';

const statusColors: Record<HookDelivery['status'], string> = { pending: 'blue', succeeded: 'green', failed: 'red', cancelled: 'gray' };

/** One line per attempt: when, what the target answered (or why nothing came back), how long it took. */
function Attempts({ attempts }: { attempts: HookDelivery['attempts'] }) {
  if (attempts.length === 0) return <Text size="sm" c="dimmed">not tried yet</Text>;
  return (
    <List size="sm" spacing={2} listStyleType="none">
      {attempts.map((attempt, index) => (
        <List.Item key={attempt.attempted_at + index}>
          <Text span size="sm" c="dimmed">
            {index + 1}. {dateTime(attempt.attempted_at)} ·{' '}
          </Text>
          <Text span size="sm" c={attempt.http_status !== null && attempt.http_status < 300 ? 'green.8' : 'red.8'}>
            {attempt.error ?? `HTTP ${attempt.http_status}`}
          </Text>
          <Text span size="sm" c="dimmed">
            {' '}
            · {duration(attempt.duration_ms)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** The recent deliveries of one subscription, each with its attempts and when the next one is due. */
export function HookDeliveriesTable({ subscriptionId, open }: { subscriptionId: string; open: boolean }) {
  const deliveries = useHookDeliveries(subscriptionId, open);
  if (deliveries.isPending) return <Loader size="sm" aria-label="Loading deliveries" />;
  if (deliveries.error) return <Alert color="red">{errorMessage(deliveries.error)}</Alert>;
  if (deliveries.data.length === 0) return <Text c="dimmed">Nothing delivered yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" aria-label="Deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th miw={130}>Status</Table.Th>
            <Table.Th miw={190}>Queued</Table.Th>
            <Table.Th>Attempts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.data.map((delivery) => (
            <Table.Tr key={delivery.id} data-testid={`delivery-${delivery.id}`}>
              <Table.Td>
                <Text size="sm">{delivery.event}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {delivery.id}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={statusColors[delivery.status]} variant="light" style={{ overflow: 'visible' }}>
                  {delivery.status}
                </Badge>
                {delivery.status === 'pending' && delivery.next_attempt_at !== null && (
                  <Text size="xs" c="dimmed">
                    next try {dateTime(delivery.next_attempt_at)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{dateTime(delivery.created_at)}</Text>
              </Table.Td>
              <Table.Td>
                <Attempts attempts={delivery.attempts} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
