import { ActionIcon, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { useBuilder } from '../builder-context';
import type { BuilderNodeData } from '../graph/recipe-graph';

type InsertData = Extract<BuilderNodeData, { kind: 'insert' }>;

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

/** The "+" between two steps or at the end of a list: opens the step picker for that spot. */
export function InsertNode({ data }: NodeProps<Node<InsertData>>) {
  const { openPicker } = useBuilder();
  return (
    <>
      <Handle type="target" position={Position.Top} style={hidden} />
      <Tooltip label={data.label} openDelay={300}>
        <ActionIcon className="nodrag" radius="xl" size={28} variant="default" aria-label={data.label} onClick={() => openPicker(data.at)}>
          <IconPlus size={16} />
        </ActionIcon>
      </Tooltip>
      <Handle type="source" position={Position.Bottom} style={hidden} />
    </>
  );
}
