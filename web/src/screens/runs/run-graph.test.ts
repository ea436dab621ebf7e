import type { RecipeDefinition } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { runGraph } from './run-graph';

const definition: RecipeDefinition = {
  trigger: { use: 'core/webhook' },
  steps: [
    { id: 'each', use: 'core/loop', input: { items: [] }, steps: [{ id: 'post', use: 'core/http', input: {} }], onError: { steps: [] } },
    { id: 'last', use: 'core/formatter', input: {} },
  ],
};

describe('runGraph', () => {
  it('has no "+" nodes and joins the flow around them', () => {
    const graph = runGraph(definition);
    expect(graph.nodes.map((node) => node.type)).not.toContain('insert');
    expect(graph.edges.map((edge) => `${edge.source} ${edge.target}`).sort()).toEqual(['step:each step:post', 'step:post step:last', 'trigger step:each']);
  });

  it('drops the frame of an empty list and keeps frames with steps, placed', () => {
    const frames = runGraph(definition).nodes.filter((node) => node.type === 'frame');
    expect(frames.map((frame) => frame.id)).toEqual(['frame:each.steps']);
    expect(frames[0]!.width).toBeGreaterThan(0);
  });
});
