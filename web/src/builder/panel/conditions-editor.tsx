import { ActionIcon, Button, Group, Input, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { emptyRule, operators, readConditions, takesRight, writeConditions, type Operator } from '../forms/conditions';
import { TemplateInput } from './template-input';

interface ConditionsEditorProps {
  label: string;
  value: unknown;
  onChange: (value: Record<string, unknown[]>) => void;
  error?: string | undefined;
}

const asText = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** Filter rules: "value / operator / value" rows that must all hold, or any one. */
export function ConditionsEditor({ label, value, onChange, error }: ConditionsEditorProps) {
  const list = readConditions(value);
  const write = (next: typeof list) => onChange(writeConditions(next));
  return (
    <Input.Wrapper label={label} error={error}>
      <Stack gap="xs" mt={4}>
        <SegmentedControl
          size="xs"
          value={list.mode}
          onChange={(mode) => write({ ...list, mode: mode as 'all' | 'any' })}
          data={[
            { value: 'all', label: 'All must hold' },
            { value: 'any', label: 'Any one holds' },
          ]}
          aria-label={`${label}: how rules combine`}
          style={{ alignSelf: 'flex-start' }}
        />
        {list.rules.map((rule, index) => {
          const update = (change: Partial<typeof rule>) => write({ ...list, rules: list.rules.map((r, i) => (i === index ? { ...r, ...change } : r)) });
          return (
            <Paper key={index} withBorder p="xs" radius="sm">
              <Stack gap={6}>
                <Group justify="space-between">
                  <Text size="xs" c="dimmed">
                    Rule {index + 1}
                  </Text>
                  <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Remove rule ${index + 1}`} onClick={() => write({ ...list, rules: list.rules.filter((_, i) => i !== index) })}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
                <TemplateInput label={`Rule ${index + 1} value`} value={asText(rule.left)} onChange={(left) => update({ left })} />
                <Select
                  label={`Rule ${index + 1} operator`}
                  data={operators.map((operator) => ({ value: operator.value, label: operator.label }))}
                  value={rule.op}
                  allowDeselect={false}
                  onChange={(op) => op && update({ op: op as Operator })}
                />
                {takesRight(rule.op) && (
                  <TemplateInput label={`Rule ${index + 1} compared with`} value={asText(rule.right)} onChange={(right) => update({ right })} />
                )}
              </Stack>
            </Paper>
          );
        })}
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} style={{ alignSelf: 'flex-start' }} onClick={() => write({ ...list, rules: [...list.rules, emptyRule()] })}>
          Add rule
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
