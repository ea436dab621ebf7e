import dagre from '@dagrejs/dagre';
import type { BuilderGraph, BuilderNode } from './recipe-graph';

/** Space inside a frame around its steps; the top leaves room for the frame's label. */
const framePadding = { side: 24, top: 40, bottom: 16 };

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Places every node top to bottom with dagre (frames as compound clusters, so their contents stay
 * together), sizes each frame around its contents, and makes positions relative to the parent frame
 * as @xyflow/react expects. Returns new node objects; the input is not changed.
 */
export function layoutGraph(graph: BuilderGraph): BuilderGraph {
  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 24, marginx: 24, marginy: 24 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, node.type === 'frame' ? {} : { width: node.width, height: node.height });
  }
  for (const node of graph.nodes) if (node.parentId !== undefined) g.setParent(node.id, node.parentId);
  const kinds = new Map(graph.nodes.map((node) => [node.id, node.type]));
  for (const edge of graph.edges) {
    // An edge from one "+" to another is where a branch or loop body rejoins the flow: letting it stretch
    // (low weight) keeps each list compact, so an empty branch stays beside its siblings.
    const join = kinds.get(edge.source) === 'insert' && kinds.get(edge.target) === 'insert';
    g.setEdge(edge.source, edge.target, { weight: join ? 1 : 10 });
  }
  dagre.layout(g);

  const absolute = new Map<string, Rect>();
  for (const node of graph.nodes) {
    if (node.type === 'frame') continue;
    const placed = g.node(node.id);
    absolute.set(node.id, { x: placed.x - node.width / 2, y: placed.y - node.height / 2, width: node.width, height: node.height });
  }
  // Innermost frames first (children come after their parents in the list), so outer frames include inner ones.
  const frames = graph.nodes.filter((node) => node.type === 'frame').reverse();
  for (const frame of frames) absolute.set(frame.id, frameRect(frame, graph.nodes, absolute));

  const nodes = graph.nodes.map((node): BuilderNode => {
    const rect = absolute.get(node.id)!;
    const parent = node.parentId === undefined ? undefined : absolute.get(node.parentId)!;
    const position = parent ? { x: rect.x - parent.x, y: rect.y - parent.y } : { x: rect.x, y: rect.y };
    return { ...node, position, width: rect.width, height: rect.height };
  });
  return { nodes, edges: graph.edges };
}

function frameRect(frame: BuilderNode, nodes: BuilderNode[], absolute: Map<string, Rect>): Rect {
  const inside = nodes.filter((node) => node.parentId === frame.id).map((node) => absolute.get(node.id)!);
  const left = Math.min(...inside.map((rect) => rect.x)) - framePadding.side;
  const top = Math.min(...inside.map((rect) => rect.y)) - framePadding.top;
  const right = Math.max(...inside.map((rect) => rect.x + rect.width)) + framePadding.side;
  const bottom = Math.max(...inside.map((rect) => rect.y + rect.height)) + framePadding.bottom;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
