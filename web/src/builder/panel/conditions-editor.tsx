import { ActionIcon, Button, Group, Input, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { emptyGroup, emptyRule, isGroup, operators, readConditions, takesRight, writeConditions, type ConditionGroup, type Rule } from '../forms/conditions';
import { TemplateInput } from './template-input';

interface ConditionsEditorProps {
  label: string;
  value: unknown;
  onChange: (value: Record<string, unknown[]>) => void;
  error?: string | undefined;
}

const asText = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
// Deeper nesting than this is hard to read in a side panel; the server takes deeper trees from files or the API.
const maxDepth = 3;

/** Filter rules: "value / operator / value" rows and nested groups, each group needing all of them or any one. */
export function ConditionsEditor({ label, value, onChange, error }: ConditionsEditorProps) {
  return (
    <Input.Wrapper label={label} error={error}>
      <ConditionGroupEditor group={readConditions(value)} name="" combineLabel={`${label}: how rules combine`} depth={0} onChange={(group) => onChange(writeConditions(group))} />
    </Input.Wrapper>
  );
}

interface GroupEditorProps {
  group: ConditionGroup;
  /** '' for the top group, else "Group 1", "Group 1.2": every control's name starts with it, so each is named apart. */
  name: string;
  combineLabel: string;
  depth: number;
  onChange: (group: ConditionGroup) => void;
  onRemove?: () => void;
}

function ConditionGroupEditor({ group, name, combineLabel, depth, onChange, onRemove }: GroupEditorProps) {
  const replace = (index: number, item: ConditionGroup['items'][number] | undefined) =>
    onChange({ ...group, items: item === undefined ? group.items.filter((_, i) => i !== index) : group.items.map((existing, i) => (i === index ? item : existing)) });
  // Rules and groups are numbered apart ("Rule 2", "Group 1"), so adding a group leaves the rules' names as they were.
  let rules = 0;
  let groups = 0;
  const within = name === '' ? '' : ` to ${name.toLowerCase()}`;
  return (
    <Stack gap="xs" mt={4}>
      <Group justify="space-between" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={group.mode}
          onChange={(mode) => onChange({ ...group, mode: mode === 'any' ? 'any' : 'all' })}
          data={[
            { value: 'all', label: 'All must hold' },
            { value: 'any', label: 'Any one holds' },
          ]}
          aria-label={combineLabel}
        />
        {onRemove && (
          <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Remove ${name.toLowerCase()}`} onClick={onRemove}>
            <IconTrash size={14} />
          </ActionIcon>
        )}
      </Group>
      {group.items.map((item, index) => {
        if (isGroup(item)) {
          groups += 1;
          const groupName = name === '' ? `Group ${groups}` : `${name}.${groups}`;
          return (
            <Paper key={index} withBorder p="xs" radius="sm" role="group" aria-label={groupName}>
              <Text size="xs" c="dimmed">
                {groupName}
              </Text>
              <ConditionGroupEditor
                group={item}
                name={groupName}
                combineLabel={`${groupName}: how rules combine`}
                depth={depth + 1}
                onChange={(next) => replace(index, next)}
                onRemove={() => replace(index, undefined)}
              />
            </Paper>
          );
        }
        rules += 1;
        const ruleName = name === '' ? `Rule ${rules}` : `${name} rule ${rules}`;
        return <RuleEditor key={index} rule={item} name={ruleName} onChange={(next) => replace(index, next)} onRemove={() => replace(index, undefined)} />;
      })}
      <Group gap="xs">
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange({ ...group, items: [...group.items, emptyRule()] })}>
          Add rule{within}
        </Button>
        {depth < maxDepth && (
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange({ ...group, items: [...group.items, emptyGroup(group)] })}>
            Add group{within}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function RuleEditor({ rule, name, onChange, onRemove }: { rule: Rule; name: string; onChange: (rule: Rule) => void; onRemove: () => void }) {
  const update = (change: Partial<Rule>) => onChange({ ...rule, ...change });
  return (
    <Paper withBorder p="xs" radius="sm">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {name}
          </Text>
          <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Remove ${name.toLowerCase()}`} onClick={onRemove}>
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
        <TemplateInput label={`${name} value`} value={asText(rule.left)} onChange={(left) => update({ left })} />
        <Select
          label={`${name} operator`}
          data={operators.map((operator) => ({ value: operator.value, label: operator.label }))}
          value={rule.op}
          allowDeselect={false}
          onChange={(picked) => {
            const op = operators.find((operator) => operator.value === picked)?.value;
            if (op) update({ op });
          }}
        />
        {takesRight(rule.op) && <TemplateInput label={`${name} compared with`} value={asText(rule.right)} onChange={(right) => update({ right })} />}
      </Stack>
    </Paper>
  );
}
