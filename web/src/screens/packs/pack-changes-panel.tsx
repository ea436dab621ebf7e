import { Alert, Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { usePackChanges } from './packs-api';

/** What changes between two installed versions, breaking changes marked, before anyone upgrades a recipe. */
export function PackChangesPanel({ packId, versions }: { packId: string; versions: string[] }) {
  const [from, setFrom] = useState<string | null>(versions[1] ?? null);
  const [to, setTo] = useState<string | null>(versions[0] ?? null);
  const changes = usePackChanges(packId, from, to);
  if (versions.length < 2) return <Text size="sm" c="dimmed">Only one version is installed.</Text>;
  const data = versions.map((version) => ({ value: version, label: version }));
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <Select label="From" data={data} value={from} onChange={setFrom} w={140} allowDeselect={false} />
        <Select label="To" data={data} value={to} onChange={setTo} w={140} allowDeselect={false} />
        {changes.data && (
          <Badge color={changes.data.breaking ? 'red' : 'green'} variant="light" mb={6}>
            {changes.data.breaking ? 'breaking' : 'compatible'}
          </Badge>
        )}
      </Group>
      {changes.error && <Alert color="red">{errorMessage(changes.error)}</Alert>}
      {changes.data?.changes.length === 0 && <Text size="sm">No differences.</Text>}
      {changes.data && changes.data.changes.length > 0 && (
        <Table aria-label="Version changes" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr><Table.Th>What</Table.Th><Table.Th>Change</Table.Th><Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.data.changes.map((change, index) => (
              <Table.Tr key={index}>
                <Table.Td><Text size="sm" ff="monospace">{change.target} {change.key}{change.field ? ` / ${change.field}` : ''}</Text></Table.Td>
                <Table.Td><Text size="sm">{change.message}</Text></Table.Td>
                <Table.Td>{change.breaking && <Badge color="red" variant="light" size="sm">breaking</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
