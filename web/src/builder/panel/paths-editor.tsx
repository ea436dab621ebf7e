import { ActionIcon, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { StepDefinitionJson } from '@switchyard/server/contracts';
import { ConditionsEditor } from './conditions-editor';

type Paths = NonNullable<StepDefinitionJson['paths']>;

interface PathsEditorProps {
  paths: Paths;
  mode: 'first' | 'all';
  onChange: (change: { paths?: Paths; mode?: 'first' | 'all' }) => void;
  error?: string | undefined;
}

function freshName(paths: Paths): string {
  const names = new Set(paths.map((path) => path.name));
  // At most paths.length + 1 letters are tried, so a free name is always found.
  for (let i = 0; i <= paths.length; i++) {
    const name = `Path ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`;
    if (!names.has(name)) return name;
  }
  return `Path ${paths.length + 1}`;
}

/** A `core/paths` step: each branch's name and the conditions that choose it; the steps are added on the canvas. */
export function PathsEditor({ paths, mode, onChange, error }: PathsEditorProps) {
  const update = (index: number, change: Partial<Paths[number]>) => onChange({ paths: paths.map((path, i) => (i === index ? { ...path, ...change } : path)) });
  return (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        value={mode}
        onChange={(next) => onChange({ mode: next as 'first' | 'all' })}
        data={[
          { value: 'first', label: 'Run the first matching path' },
          { value: 'all', label: 'Run every matching path' },
        ]}
        aria-label="Which paths run"
      />
      {paths.map((path, index) => (
        <Paper key={index} withBorder p="sm" radius="sm">
          <Stack gap="xs">
            <Group align="flex-end" wrap="nowrap">
              <TextInput style={{ flex: 1 }} label={`Path ${index + 1} name`} value={path.name} onChange={(event) => update(index, { name: event.currentTarget.value })} />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                disabled={path.steps.length > 0 || paths.length <= 1}
                aria-label={`Remove ${path.name} (only when it holds no steps)`}
                onClick={() => onChange({ paths: paths.filter((_, i) => i !== index) })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            {path.when === undefined ? (
              <Button variant="subtle" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => update(index, { when: { all: [{ left: '', op: 'eq', right: '' }] } })}>
                Always runs — add conditions
              </Button>
            ) : (
              <ConditionsEditor label={`When does ${path.name} run?`} value={path.when} onChange={(when) => update(index, { when })} />
            )}
          </Stack>
        </Paper>
      ))}
      {error && (
        <Text c="red" size="xs" role="alert">
          {error}
        </Text>
      )}
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} style={{ alignSelf: 'flex-start' }} onClick={() => onChange({ paths: [...paths, { name: freshName(paths), steps: [] }] })}>
        Add path
      </Button>
    </Stack>
  );
}
