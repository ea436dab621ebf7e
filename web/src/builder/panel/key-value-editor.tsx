import { ActionIcon, Button, Group, Input, Stack } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { TemplateInput } from './template-input';

interface KeyValueEditorProps {
  label: string;
  value: unknown;
  onChange: (value: Record<string, unknown> | undefined) => void;
  error?: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Headers or query parameters: a list of name → value rows (values may hold pills). */
export function KeyValueEditor({ label, value, onChange, error }: KeyValueEditorProps) {
  const rows = Object.entries(isObject(value) ? value : {});
  const write = (next: [string, unknown][]) => onChange(next.length === 0 ? undefined : Object.fromEntries(next));
  return (
    <Input.Wrapper label={label} error={error}>
      <Stack gap="xs" mt={4}>
        {rows.map(([key, item], index) => (
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <TemplateInput
                label={`${label} ${index + 1} name`}
                value={key}
                onChange={(name) => write(rows.map((row, i) => (i === index ? [name, row[1]] : row)))}
              />
            </div>
            <div style={{ flex: 2 }}>
              <TemplateInput
                label={`${label} ${index + 1} value`}
                value={typeof item === 'string' ? item : JSON.stringify(item)}
                onChange={(text) => write(rows.map((row, i) => (i === index ? [row[0], text] : row)))}
              />
            </div>
            <ActionIcon variant="subtle" color="red" mb={4} aria-label={`Remove ${label.toLowerCase()} ${key || index + 1}`} onClick={() => write(rows.filter((_, i) => i !== index))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          // A new row needs a key no other row has, or it would merge into it.
          onClick={() => write([...rows, [rows.some(([key]) => key === '') ? `name_${rows.length + 1}` : '', '']])}
        >
          Add {label.toLowerCase()}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
