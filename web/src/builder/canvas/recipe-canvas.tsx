import '@xyflow/react/dist/style.css';
import { Background, Controls, ReactFlow, useReactFlow, type Edge, type Node } from '@xyflow/react';
import type { RecipeDefinition } from '@switchyard/server/contracts';
import { useEffect, useMemo } from 'react';
import { layoutGraph } from '../graph/layout-graph';
import { recipeGraph } from '../graph/recipe-graph';
import { BranchNode, FrameNode } from './frame-node';
import { InsertNode } from './insert-node';
import { StepNode } from './step-node';

const fitOptions = { maxZoom: 1, padding: 0.15 };

/** Brings the whole recipe into view again when steps are added or removed (a new step is never off screen). */
function FitOnGrowth({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    // One frame later the new nodes have been measured.
    const frame = requestAnimationFrame(() => void fitView(fitOptions));
    return () => cancelAnimationFrame(frame);
  }, [count, fitView]);
  return null;
}

const nodeTypes = { trigger: StepNode, step: StepNode, insert: InsertNode, frame: FrameNode, branch: BranchNode };

/** The recipe drawn top to bottom; laid out again whenever the definition changes. Nodes are not draggable. */
export function RecipeCanvas({ definition }: { definition: RecipeDefinition }) {
  const { nodes, edges } = useMemo(() => {
    const graph = layoutGraph(recipeGraph(definition));
    const nodes: Node[] = graph.nodes.map((node) => ({
      ...node,
      draggable: false,
      selectable: false,
      focusable: false,
      // Nodes that can be neither selected nor dragged get no pointer events from xyflow; steps and "+" are buttons.
      ...(node.type === 'frame' ? { zIndex: -1 } : { style: { pointerEvents: 'all' as const } }),
    }));
    const edges: Edge[] = graph.edges.map((edge) => ({ ...edge, type: 'smoothstep', focusable: false }));
    return { nodes, edges };
  }, [definition]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      fitView
      fitViewOptions={fitOptions}
      minZoom={0.2}
      nodesConnectable={false}
      proOptions={{ hideAttribution: true }}
      aria-label="Recipe canvas"
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <FitOnGrowth count={nodes.length} />
    </ReactFlow>
  );
}
