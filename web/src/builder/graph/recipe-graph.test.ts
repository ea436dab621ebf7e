import type { RecipeDefinition } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { layoutGraph } from './layout-graph';
import { locateProblems } from './problem-locations';
import { recipeGraph, type BuilderNode } from './recipe-graph';

const recipe: RecipeDefinition = {
  trigger: { use: 'core/webhook', input: {} },
  steps: [
    { id: 'big', use: 'core/filter', input: { all: [] } },
    {
      id: 'route',
      use: 'core/paths',
      paths: [
        { name: 'EU', steps: [{ id: 'eu_post', use: 'core/http', input: {} }] },
        { name: 'US', steps: [] },
      ],
    },
    { id: 'each', use: 'core/loop', input: { items: '' }, steps: [{ id: 'ping', use: 'core/http', input: {} }] },
    { id: 'post', use: 'core/http', input: {} },
  ],
};

const edgeSet = (definition: RecipeDefinition) => new Set(recipeGraph(definition).edges.map((edge) => `${edge.source} > ${edge.target}`));

describe('recipeGraph', () => {
  it('draws an empty recipe as the trigger and one "+"', () => {
    const graph = recipeGraph({ trigger: { use: 'core/manual' }, steps: [] });
    expect(graph.nodes.map((node) => node.id)).toEqual(['trigger', 'insert:root:0']);
    expect(graph.nodes[1]!.data).toMatchObject({ kind: 'insert', at: { list: { parent: null }, index: 0 } });
    expect([...edgeSet({ trigger: { use: 'core/manual' }, steps: [] })]).toEqual(['trigger > insert:root:0']);
  });

  it('puts a "+" between any two steps and at the end of every list', () => {
    const ids = recipeGraph(recipe).nodes.filter((node) => node.type === 'insert').map((node) => node.id);
    expect(ids).toEqual([
      'insert:root:0',
      'insert:root:1',
      'insert:route.paths.0:0',
      'insert:route.paths.0:1',
      'insert:route.paths.1:0',
      'insert:root:2',
      'insert:each.steps:0',
      'insert:each.steps:1',
      'insert:root:3',
      'insert:root:4',
    ]);
  });

  it('fans paths out into branches that join at the next step', () => {
    const edges = edgeSet(recipe);
    expect(edges).toContain('step:route > branch:route.paths.0');
    expect(edges).toContain('step:route > branch:route.paths.1');
    expect(edges).toContain('branch:route.paths.0 > insert:route.paths.0:0');
    expect(edges).toContain('insert:route.paths.0:1 > insert:root:2');
    expect(edges).toContain('insert:route.paths.1:0 > insert:root:2');
  });

  it('puts a loop body inside a frame, and the flow continues after it', () => {
    const nodes = recipeGraph(recipe).nodes;
    const frame = nodes.find((node) => node.id === 'frame:each.steps')!;
    expect(frame.data).toMatchObject({ kind: 'frame', label: 'For each item: each' });
    expect(nodes.filter((node) => node.parentId === frame.id).map((node) => node.id)).toEqual(['insert:each.steps:0', 'step:ping', 'insert:each.steps:1']);
    // Parents precede children, as @xyflow/react requires.
    expect(nodes.findIndex((node) => node.id === frame.id)).toBeLessThan(nodes.findIndex((node) => node.id === 'step:ping'));
    expect(edgeSet(recipe)).toContain('insert:each.steps:1 > insert:root:3');
    expect(nodes.find((node) => node.id === 'step:ping')!.data).toMatchObject({ pointer: '/steps/2/steps/0' });
  });

  it('draws an error path in a frame that does not rejoin the flow', () => {
    const withError: RecipeDefinition = { ...recipe, steps: [{ id: 'post', use: 'core/http', onError: { steps: [{ id: 'alert', use: 'core/http' }] } }] };
    const edges = edgeSet(withError);
    expect(edges).toContain('step:post > insert:post.onError:0');
    expect(edges).toContain('step:post > insert:root:1');
    expect([...edges].some((edge) => edge.startsWith('insert:post.onError:1 >'))).toBe(false);
  });
});

function absolute(node: BuilderNode, byId: Map<string, BuilderNode>): { x: number; y: number } {
  const parent = node.parentId === undefined ? undefined : byId.get(node.parentId)!;
  if (!parent) return node.position;
  const base = absolute(parent, byId);
  return { x: base.x + node.position.x, y: base.y + node.position.y };
}

describe('layoutGraph', () => {
  const laid = layoutGraph(recipeGraph(recipe)).nodes;
  const byId = new Map(laid.map((node) => [node.id, node]));
  const at = (id: string) => absolute(byId.get(id)!, byId);

  it('reads top to bottom along every edge', () => {
    for (const edge of recipeGraph(recipe).edges) expect(at(edge.source).y, `${edge.source} above ${edge.target}`).toBeLessThan(at(edge.target).y);
  });

  it('puts path branches side by side', () => {
    expect(at('branch:route.paths.0').y).toBe(at('branch:route.paths.1').y);
    expect(at('branch:route.paths.0').x).not.toBe(at('branch:route.paths.1').x);
  });

  it('sizes a frame around its contents, which are positioned relative to it', () => {
    const frame = byId.get('frame:each.steps')!;
    const ping = byId.get('step:ping')!;
    expect(ping.position.x).toBeGreaterThan(0);
    expect(ping.position.y).toBeGreaterThan(0);
    expect(ping.position.x + ping.width).toBeLessThan(frame.width);
    expect(ping.position.y + ping.height).toBeLessThan(frame.height);
  });

  it('overlaps no two nodes outside frames with each other or with a frame', () => {
    const top = laid.filter((node) => node.parentId === undefined);
    for (const a of top) {
      for (const b of top) {
        if (a === b) continue;
        const apart = a.position.x + a.width <= b.position.x || b.position.x + b.width <= a.position.x || a.position.y + a.height <= b.position.y || b.position.y + b.height <= a.position.y;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    }
  });
});

describe('locateProblems', () => {
  it('maps pointers of a 422 answer to the innermost step and its field', () => {
    const located = locateProblems(recipe, [
      { path: '/definition/steps/2/steps/0/input/url', message: 'url must be an absolute http(s) URL' },
      { path: '/definition/steps/1/paths/0/steps/0/connection', message: 'needs a connection' },
      { path: '/definition/steps/0/input/all/0/left', message: 'bad' },
      { path: '/definition/trigger/input/dedupe', message: 'syntax' },
      { path: '/steps/3', message: 'whole step' },
      { path: '/definition/settings', message: 'elsewhere' },
    ]);
    expect(located.map(({ target, field }) => [target, field])).toEqual([
      ['ping', 'url'],
      ['eu_post', 'connection'],
      ['big', 'all'],
      ['trigger', 'dedupe'],
      ['post', undefined],
      ['', undefined],
    ]);
  });
});
