import { Accordion, Badge, Group, Text } from '@mantine/core';
import { FieldTable } from './field-table';
import type { ManifestItem } from './pack-manifest';

/** A pack's actions or triggers, each opening to its input fields. */
export function PackItems({ items, noun }: { items: ManifestItem[]; noun: string }) {
  if (items.length === 0) return <Text size="sm" c="dimmed">No {noun}s.</Text>;
  return (
    <Accordion variant="separated" multiple>
      {items.map((item) => (
        <Accordion.Item key={item.key} value={item.key}>
          <Accordion.Control>
            <Group gap="sm" wrap="nowrap">
              <Text fw={500}>{item.name}</Text>
              <Badge variant="light" size="sm" color="gray">{item.kind}</Badge>
              <Text size="xs" c="dimmed" ff="monospace" visibleFrom="sm">{item.key}</Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            {item.description && <Text size="sm" mb="sm">{item.description}</Text>}
            <FieldTable fields={item.fields} label={`Fields of ${item.name}`} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
