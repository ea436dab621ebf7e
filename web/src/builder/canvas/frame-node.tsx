import { Badge, Box, Text } from '@mantine/core';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { BuilderNodeData } from '../graph/recipe-graph';

type FrameData = Extract<BuilderNodeData, { kind: 'frame' }>;
type BranchData = Extract<BuilderNodeData, { kind: 'branch' }>;

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

/** The box around a loop body, an approval's steps, or an error path. */
export function FrameNode({ data, width, height }: NodeProps<Node<FrameData>>) {
  const onError = data.list.parent !== null && data.list.slot === 'onError';
  const color = onError ? 'red' : 'blue';
  return (
    <Box
      w={width}
      h={height}
      style={{
        border: `1px dashed var(--mantine-color-${color}-4)`,
        background: `color-mix(in srgb, var(--mantine-color-${color}-0) 60%, transparent)`,
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      <Text size="xs" fw={600} c={`${color}.8`} px="sm" pt={8} truncate>
        {data.label}
      </Text>
    </Box>
  );
}

/** A `core/paths` branch label at the head of its column. */
export function BranchNode({ data }: NodeProps<Node<BranchData>>) {
  return (
    <>
      <Handle type="target" position={Position.Top} style={hidden} />
      <Badge variant="light" color="grape" size="lg" w="100%" style={{ textTransform: 'none' }}>
        {data.name}
      </Badge>
      <Handle type="source" position={Position.Bottom} style={hidden} />
    </>
  );
}
