import { Badge, Group, Table, Text } from '@mantine/core';
import type { ManifestField } from './pack-manifest';

/** The input fields of an action, trigger or connection, as a reference table. */
export function FieldTable({ fields, label }: { fields: ManifestField[]; label: string }) {
  if (fields.length === 0) return <Text size="sm" c="dimmed">No input fields.</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label={label} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Description</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((field) => (
            <Table.Tr key={field.key}>
              <Table.Td>
                <Text size="sm" fw={500}>{field.label}</Text>
                <Text size="xs" c="dimmed" ff="monospace">{field.key}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="light" color="gray" size="sm">{field.type}</Badge>
                  {field.required && <Badge variant="light" color="orange" size="sm">required</Badge>}
                  {field.secret && <Badge variant="light" color="grape" size="sm">secret</Badge>}
                  {field.dynamic && <Badge variant="light" color="cyan" size="sm">choices from vendor</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{field.description ?? ''}</Text>
                {field.choices.length > 0 && (
                  <Text size="xs" c="dimmed">One of: {field.choices.map((choice) => choice.label).join(', ')}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
