import { Badge, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { createContext, useContext } from 'react';
import type { BuilderNodeData } from '../../builder/graph/recipe-graph';
import { StepIcon } from '../../builder/step-icon';
import { stepRunOf, type StepRun, type StepRunState } from './run-step-states';

type StepData = Extract<BuilderNodeData, { kind: 'step' | 'trigger' }>;

/** What the canvas nodes need from the run view: each step's state, and opening its details. */
export interface RunCanvasActions {
  states: Map<string, StepRun>;
  selected: string | null;
  open: (target: string) => void;
}

export const RunCanvasContext = createContext<RunCanvasActions>({ states: new Map(), selected: null, open: () => undefined });

const colors: Record<StepRunState, string> = { succeeded: 'green', failed: 'red', skipped: 'gray', running: 'blue', 'not reached': 'gray' };

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

/** A step on the run canvas, bordered in the colour of how it fared; a click shows what it received and did. */
export function RunStepNode({ data }: NodeProps<Node<StepData>>) {
  const { states, selected, open } = useContext(RunCanvasContext);
  const isTrigger = data.kind === 'trigger';
  const use = isTrigger ? data.trigger.use : data.step.use;
  const target = isTrigger ? 'trigger' : data.step.id;
  const run = isTrigger ? { state: 'succeeded' as const, steps: [] } : stepRunOf(states, data.step.id);
  const title = isTrigger ? 'Trigger' : (data.step.name ?? data.step.id);
  const color = colors[run.state];
  const reached = run.state !== 'not reached';
  const iterations = run.steps.length > 1 ? ` · ${run.steps.length} iterations` : '';
  return (
    <>
      {!isTrigger && <Handle type="target" position={Position.Top} style={hidden} />}
      <UnstyledButton
        onClick={() => open(target)}
        aria-label={`${isTrigger ? 'Trigger' : `Step ${title}`}: ${isTrigger ? 'the event' : run.state}`}
        data-state={run.state}
        className="nodrag"
        w="100%"
        h="100%"
        style={{ opacity: reached ? 1 : 0.6 }}
      >
        <Paper
          withBorder
          shadow={selected === target ? 'md' : 'xs'}
          p="xs"
          h="100%"
          radius="md"
          style={{ borderColor: `var(--mantine-color-${color}-6)`, borderWidth: 2, borderStyle: reached ? 'solid' : 'dashed' }}
        >
          <Group gap="sm" wrap="nowrap">
            <StepIcon use={use} />
            <div style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" fw={600} truncate>
                {title}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {use}
                {iterations}
              </Text>
            </div>
            {!isTrigger && (
              <Badge color={color} variant={reached ? 'light' : 'outline'} size="sm">
                {run.state}
              </Badge>
            )}
          </Group>
        </Paper>
      </UnstyledButton>
      <Handle type="source" position={Position.Bottom} style={hidden} />
    </>
  );
}
