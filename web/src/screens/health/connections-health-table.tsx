import { Anchor, Group, Table, Text } from '@mantine/core';
import type { ConnectionHealth, PackSummary } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { ConnectionStatusBadge } from '../connections/connection-status-badge';
import { PackIcon } from '../packs/pack-icon';
import { DayChart } from './day-chart';
import { FlagList } from './flag-list';
import { connectionAction } from './health-flags';
import { refreshLabel } from './health-labels';
import { LastProblem, LastSeen } from './last-seen';

/** Each connection: status and its flags, token refresh, last call, 14 days of calls and the last failure. */
export function ConnectionsHealthTable({ connections, packs }: { connections: readonly ConnectionHealth[]; packs: ReadonlyMap<string, PackSummary> }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Connection health">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Connection</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Token</Table.Th>
            <Table.Th>Last call</Table.Th>
            <Table.Th>Calls, 14 days</Table.Th>
            <Table.Th>Last failure</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {connections.map((connection) => {
            const pack = packs.get(connection.packId);
            const refresh = refreshLabel(connection);
            return (
              <Table.Tr key={connection.id} data-testid={`health-connection-${connection.name}`}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <PackIcon icon={pack?.icon} />
                    <div>
                      <Text fw={500}>{connection.name}</Text>
                      <Anchor size="xs" c="dimmed" component={Link} to={`/packs/${encodeURIComponent(connection.packId)}`}>
                        {pack?.name ?? connection.packId}
                      </Anchor>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td maw={320}>
                  <ConnectionStatusBadge connection={connection} />
                  <FlagList flags={connection.flags} action={(condition) => connectionAction(condition, connection)} />
                </Table.Td>
                <Table.Td maw={180}>
                  <Text size="sm" c={refresh.color}>
                    {refresh.text}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <LastSeen at={connection.lastCallAt} never="no calls yet" />
                </Table.Td>
                <Table.Td>
                  <DayChart days={connection.days} noun="calls" />
                </Table.Td>
                <Table.Td maw={260}>
                  <LastProblem problem={connection.lastFailure === null ? null : { message: connection.lastFailure, at: connection.lastFailureAt }} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
