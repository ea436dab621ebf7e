import { Anchor, Table, Text } from '@mantine/core';
import type { RunSummary } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { duration, timeAgo } from '../../app/format-time';
import { RunStatusBadge } from './run-status-badge';

export function RunsTable({ runs }: { runs: RunSummary[] }) {
  if (runs.length === 0) return <Text c="dimmed">No runs match.</Text>;
  const now = Date.now();
  return (
    <Table highlightOnHover verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Run</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Started</Table.Th>
          <Table.Th>Took</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((run) => (
          <Table.Tr key={run.id}>
            <Table.Td>
              <Anchor component={Link} to={`/runs/${run.id}`} ff="monospace" size="sm">
                {run.id.slice(0, 12)}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <RunStatusBadge status={run.status} />
            </Table.Td>
            <Table.Td>{timeAgo(run.createdAt, now)}</Table.Td>
            <Table.Td>{run.startedAt && run.finishedAt ? duration(run.finishedAt - run.startedAt) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
