import { Badge, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { entryFor, useBuilder } from '../builder-context';
import type { BuilderNodeData } from '../graph/recipe-graph';
import { StepIcon } from '../step-icon';

type StepData = Extract<BuilderNodeData, { kind: 'step' | 'trigger' }>;

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

/** A step or the trigger: icon, name, kind; a red border and count when the server reported problems. */
export function StepNode({ data }: NodeProps<Node<StepData>>) {
  const { catalog, problems, selected, openStep, openTrigger } = useBuilder();
  const isTrigger = data.kind === 'trigger';
  const use = isTrigger ? data.trigger.use : data.step.use;
  const target = isTrigger ? 'trigger' : data.step.id;
  const entry = entryFor(catalog, use, isTrigger ? 'triggers' : 'steps');
  const title = (!isTrigger && data.step.name) || entry?.title || use;
  const count = problems.filter((problem) => problem.target === target).length;
  const subtitle = isTrigger ? 'Trigger' : `${data.step.id} · ${entry?.group ?? use}`;
  return (
    <>
      {!isTrigger && <Handle type="target" position={Position.Top} style={hidden} />}
      <UnstyledButton
        onClick={() => (isTrigger ? openTrigger() : openStep(data.step.id))}
        aria-label={`${isTrigger ? 'Trigger' : 'Step'}: ${title}${count > 0 ? `, ${count} problem${count > 1 ? 's' : ''}` : ''}`}
        className="nodrag"
        w="100%"
        h="100%"
      >
        <Paper
          withBorder
          shadow={selected === target ? 'md' : 'xs'}
          p="xs"
          h="100%"
          radius="md"
          style={{ borderColor: count > 0 ? 'var(--mantine-color-red-6)' : selected === target ? 'var(--mantine-color-blue-6)' : undefined, borderWidth: count > 0 || selected === target ? 2 : 1 }}
        >
          <Group gap="sm" wrap="nowrap">
            <StepIcon use={use} icon={entry?.icon} />
            <div style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" fw={600} truncate>
                {title}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {subtitle}
              </Text>
            </div>
            {count > 0 && (
              <Badge color="red" size="sm" circle>
                {count}
              </Badge>
            )}
          </Group>
        </Paper>
      </UnstyledButton>
      <Handle type="source" position={Position.Bottom} style={hidden} />
    </>
  );
}
