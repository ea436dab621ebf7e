import '@xyflow/react/dist/style.css';
import { Background, Controls, ReactFlow, getNodesBounds, useReactFlow, useStore, type Edge, type Node } from '@xyflow/react';
import type { RecipeDefinition } from '@switchyard/server/contracts';
import { useEffect, useMemo } from 'react';
import { layoutGraph } from '../graph/layout-graph';
import { recipeGraph, type BuilderGraph } from '../graph/recipe-graph';
import { BranchNode, FrameNode } from './frame-node';
import { InsertNode } from './insert-node';
import { StepNode } from './step-node';

/** Below this zoom step titles are unreadable: a tall recipe is shown from the top and scrolls instead. */
const readableZoom = 0.75;
const margin = 24;

/**
 * Shows the recipe from the top, centred, at the largest zoom up to 1 that fits its width and, if still
 * readable, its height; done again when steps are added or removed so a new step is never off screen.
 */
export function ViewFromTop({ count }: { count: number }) {
  const { getNodes, setViewport } = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  useEffect(() => {
    // One frame later the new nodes have been measured.
    const frame = requestAnimationFrame(() => {
      const bounds = getNodesBounds(getNodes().filter((node) => !node.parentId));
      if (bounds.width === 0 || width === 0) return;
      const fitWidth = (width - 2 * margin) / bounds.width;
      const fitHeight = (height - 2 * margin) / bounds.height;
      const zoom = Math.min(1, fitWidth, Math.max(fitHeight, readableZoom));
      const x = (width - bounds.width * zoom) / 2 - bounds.x * zoom;
      const y = margin - bounds.y * zoom;
      void setViewport({ x, y, zoom });
    });
    return () => cancelAnimationFrame(frame);
  }, [count, width, height, getNodes, setViewport]);
  return null;
}

const nodeTypes = { trigger: StepNode, step: StepNode, insert: InsertNode, frame: FrameNode, branch: BranchNode };

/** xyflow nodes and edges of a laid-out graph; nothing can be dragged or selected, frames sit behind. */
export function flowOf(graph: BuilderGraph): { nodes: Node[]; edges: Edge[] } {
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
}

/** The recipe drawn top to bottom; laid out again whenever the definition changes. Nodes are not draggable. */
export function RecipeCanvas({ definition }: { definition: RecipeDefinition }) {
  const { nodes, edges } = useMemo(() => flowOf(layoutGraph(recipeGraph(definition))), [definition]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      panOnScroll
      minZoom={0.2}
      nodesConnectable={false}
      proOptions={{ hideAttribution: true }}
      aria-label="Recipe canvas"
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <ViewFromTop count={nodes.length} />
    </ReactFlow>
  );
}
