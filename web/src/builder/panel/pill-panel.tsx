import { Accordion, Badge, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { PillGroup } from '../pills/pill-sources';
import { usePillTarget } from './pill-target';

/** The data of earlier steps; clicking a value inserts its reference into the field focused last. */
export function PillPanel({ groups }: { groups: PillGroup[] }) {
  const { target } = usePillTarget();
  const [search, setSearch] = useState('');
  const query = search.trim().toLowerCase();
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        Data from earlier steps
      </Text>
      <Text size="xs" c="dimmed">
        {target ? `Click a value to insert it into “${target.label}”.` : 'Click into a field, then click a value to insert it.'}
      </Text>
      <TextInput size="xs" placeholder="Search data" aria-label="Search data" value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
      <Accordion multiple defaultValue={groups.map((group) => group.id)} variant="separated">
        {groups.map((group) => {
          const pills = group.pills.filter((pill) => !query || pill.label.toLowerCase().includes(query) || pill.preview.toLowerCase().includes(query));
          return (
            <Accordion.Item key={group.id} value={group.id}>
              <Accordion.Control>
                <Text size="sm">{group.title}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                {group.empty && (
                  <Text size="xs" c="dimmed">
                    No sample data yet: run the recipe once (or test it) to see its values here.
                  </Text>
                )}
                <Stack gap={4}>
                  {pills.map((pill) => (
                    <UnstyledButton
                      key={pill.path}
                      disabled={!target}
                      onClick={() => target?.insert(pill.path)}
                      aria-label={`Insert ${group.id === 'trigger' ? 'trigger' : group.id} ${pill.label}`}
                      style={{ borderRadius: 4, padding: '2px 4px' }}
                    >
                      <Group gap="xs" wrap="nowrap" justify="space-between">
                        <Badge variant="light" tt="none" style={{ flexShrink: 0, maxWidth: '60%' }}>
                          {pill.label}
                        </Badge>
                        <Text size="xs" c="dimmed" truncate>
                          {pill.preview}
                        </Text>
                      </Group>
                    </UnstyledButton>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}
