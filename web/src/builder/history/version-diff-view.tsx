import { Badge, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { RecipeDefinition } from '@switchyard/server/contracts';
import { useMemo } from 'react';
import { definitionDiff, isEmptyDiff, showValue, type FieldChange, type StepChange } from './definition-diff';

const stepLook: Record<StepChange['kind'], { color: string; label: string }> = {
  added: { color: 'green', label: 'added' },
  removed: { color: 'red', label: 'removed' },
  changed: { color: 'blue', label: 'changed' },
};

function FieldTable({ changes, label }: { changes: FieldChange[]; label: string }) {
  return (
    <Table withTableBorder fz="xs" aria-label={label} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="30%">Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={change.field}>
            <Table.Td>
              <Code>{change.field}</Code>
            </Table.Td>
            <Table.Td c="red.8" style={{ wordBreak: 'break-word' }}>
              {showValue(change.before)}
            </Table.Td>
            <Table.Td c="green.8" style={{ wordBreak: 'break-word' }}>
              {showValue(change.after)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Section({ title, badge, color, children }: { title: string; badge?: string; color?: string; children?: React.ReactNode }) {
  return (
    <Paper withBorder p="xs">
      <Group gap="xs" mb={children ? 'xs' : 0}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {badge && (
          <Badge size="sm" variant="light" color={color}>
            {badge}
          </Badge>
        )}
      </Group>
      {children}
    </Paper>
  );
}

/** What changed from one version to another: the trigger, settings, then each added, removed or changed step. */
export function VersionDiffView({ before, after }: { before: RecipeDefinition; after: RecipeDefinition }) {
  const diff = useMemo(() => definitionDiff(before, after), [before, after]);
  if (isEmptyDiff(diff)) return <Text c="dimmed">These versions are the same.</Text>;
  return (
    <Stack gap="xs" data-testid="version-diff">
      {diff.trigger.length > 0 && (
        <Section title="Trigger" badge="changed" color="blue">
          <FieldTable changes={diff.trigger} label="Trigger changes" />
        </Section>
      )}
      {diff.settings.length > 0 && (
        <Section title="Settings" badge="changed" color="blue">
          <FieldTable changes={diff.settings} label="Settings changes" />
        </Section>
      )}
      {diff.steps.map((step) => (
        <Section key={step.id} title={`${step.name ?? step.id} · ${step.use}`} badge={stepLook[step.kind].label} color={stepLook[step.kind].color}>
          {step.kind === 'changed' && step.moved && (
            <Text size="xs" c="dimmed" mb={step.fields.length > 0 ? 'xs' : 0}>
              Moved from {step.moved.from} to {step.moved.to}
            </Text>
          )}
          {step.kind === 'changed' && step.fields.length > 0 && <FieldTable changes={step.fields} label={`Changes to ${step.id}`} />}
        </Section>
      ))}
    </Stack>
  );
}
