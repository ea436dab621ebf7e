import { ActionIcon, Button, Group, Input, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconFile, IconFileText, IconTrash } from '@tabler/icons-react';
import type { AttachmentItem } from '../forms/email-step-form';
import { TemplateInput } from './template-input';

interface AttachmentsEditorProps {
  label: string;
  description: string | undefined;
  value: unknown;
  onChange: (value: unknown[] | undefined) => void;
  error: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Email attachments, one row each: a file value from an earlier step (inserted as a pill, e.g. an HTTP
 * step's download), or a name and text saved as a file (a CSV built from earlier steps).
 */
export function AttachmentsEditor({ label, description, value, onChange, error }: AttachmentsEditorProps) {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const write = (next: unknown[]) => onChange(next.length === 0 ? undefined : next);
  const replace = (index: number, item: AttachmentItem) => write(items.map((old, i) => (i === index ? item : old)));
  const remove = (index: number) => write(items.filter((_, i) => i !== index));

  return (
    <Input.Wrapper label={label} description={description} error={error}>
      <Stack gap="xs" mt={4}>
        {items.map((item, index) => {
          const name = `Attachment ${index + 1}`;
          const textFile = isObject(item) && typeof item['base64'] !== 'string';
          return (
            <Paper key={index} withBorder p="xs" data-testid={`attachment-${index + 1}`}>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
                  {typeof item === 'string' || !isObject(item) ? (
                    <TemplateInput
                      label={`${name}: file`}
                      description="Click a file in the panel on the right, e.g. the body of a download."
                      placeholder="Insert a file from an earlier step"
                      value={text(item)}
                      onChange={(next) => replace(index, next)}
                    />
                  ) : textFile ? (
                    <>
                      <TextInput
                        label={`${name}: file name`}
                        placeholder="report.csv"
                        value={text(item['filename'])}
                        onChange={(event) => replace(index, { ...item, filename: event.currentTarget.value })}
                      />
                      <TemplateInput
                        label={`${name}: text`}
                        multiline
                        value={text(item['content'])}
                        onChange={(next) => replace(index, { ...item, content: next })}
                      />
                    </>
                  ) : (
                    <Text size="sm">
                      {name}: {text(item['filename']) || 'a file'} (data given in the recipe)
                    </Text>
                  )}
                </Stack>
                <ActionIcon variant="subtle" color="red" mt={typeof item === 'string' || textFile ? 24 : 0} aria-label={`Remove attachment ${index + 1}`} onClick={() => remove(index)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Paper>
          );
        })}
        <Group gap="xs">
          <Button variant="light" size="xs" leftSection={<IconFile size={14} />} onClick={() => write([...items, ''])}>
            Add a file from a step
          </Button>
          <Button variant="light" size="xs" leftSection={<IconFileText size={14} />} onClick={() => write([...items, { filename: '', content: '' }])}>
            Add a text file
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
