import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { RunSummary } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { dateTime, duration, timeAgo } from '../../app/format-time';
import { RunStatusBadge } from './run-status-badge';

interface Props {
  runs: RunSummary[];
  recipeNames: Map<string, string>;
  now: number;
}

export function RunsTable({ runs, recipeNames, now }: Props) {
  if (runs.length === 0) return <Text c="dimmed">No runs match.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Recipe</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th>Took</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>
                <Tooltip label={dateTime(run.createdAt)}>
                  <Anchor component={Link} to={`/runs/${run.id}`} size="sm" aria-label={`Run ${run.id}, ${run.status}`}>
                    {timeAgo(run.createdAt, now)}
                  </Anchor>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate maw={260}>
                  {recipeNames.get(run.recipeId) ?? run.recipeId}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <RunStatusBadge status={run.status} />
                  {run.replayOf && (
                    <Badge variant="outline" color="gray" size="sm">
                      replay
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {run.triggerKind}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{run.startedAt && run.finishedAt ? duration(run.finishedAt - run.startedAt) : '—'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
