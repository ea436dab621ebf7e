import type { RecipeDefinition } from '@switchyard/server/contracts';
import { layoutGraph } from '../../builder/graph/layout-graph';
import { recipeGraph, type BuilderEdge, type BuilderGraph } from '../../builder/graph/recipe-graph';

/** Drops the builder's "+" nodes, joining what flowed into each to what flowed out of it. */
function withoutInserts(graph: BuilderGraph): BuilderGraph {
  let edges: BuilderEdge[] = graph.edges;
  for (const node of graph.nodes) {
    if (node.type !== 'insert') continue;
    const into = edges.filter((edge) => edge.target === node.id).map((edge) => edge.source);
    const out = edges.filter((edge) => edge.source === node.id).map((edge) => edge.target);
    edges = edges.filter((edge) => edge.source !== node.id && edge.target !== node.id);
    for (const source of into) for (const target of out) edges.push({ id: `e:${source}->${target}`, source, target });
  }
  const unique = [...new Map(edges.map((edge) => [edge.id, edge])).values()];
  let nodes = graph.nodes.filter((node) => node.type !== 'insert');
  // A frame around an empty list has nothing left to surround; removing one may empty its parent frame.
  for (let round = 0; round < graph.nodes.length; round++) {
    const parents = new Set(nodes.map((node) => node.parentId));
    const kept = nodes.filter((node) => node.type !== 'frame' || parents.has(node.id));
    if (kept.length === nodes.length) break;
    nodes = kept;
  }
  return { nodes, edges: unique };
}

/** The recipe as drawn in the builder, laid out top to bottom, without the "+" buttons for adding steps. */
export function runGraph(definition: RecipeDefinition): BuilderGraph {
  return layoutGraph(withoutInserts(recipeGraph(definition)));
}
