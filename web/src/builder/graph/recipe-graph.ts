import type { RecipeDefinition, StepDefinitionJson, TriggerDefinitionJson } from '@switchyard/server/contracts';
import type { InsertionPoint } from './step-edits';
import { childLists, listKey, rootList, type ListRef } from './step-lists';

export type BuilderNodeData =
  | { kind: 'trigger'; trigger: TriggerDefinitionJson }
  | { kind: 'step'; step: StepDefinitionJson; pointer: string; list: ListRef; index: number }
  | { kind: 'insert'; at: InsertionPoint; label: string }
  | { kind: 'branch'; stepId: string; branch: number; name: string }
  | { kind: 'frame'; list: ListRef; label: string };

export type BuilderNodeKind = BuilderNodeData['kind'];

/** Shaped like an @xyflow/react node (positions are filled in by `layoutGraph`); no React here. */
export interface BuilderNode {
  id: string;
  type: BuilderNodeKind;
  data: BuilderNodeData;
  position: { x: number; y: number };
  width: number;
  height: number;
  parentId?: string;
}

export interface BuilderEdge {
  id: string;
  source: string;
  target: string;
}

export interface BuilderGraph {
  nodes: BuilderNode[];
  edges: BuilderEdge[];
}

export const nodeSizes: Record<Exclude<BuilderNodeKind, 'frame'>, { width: number; height: number }> = {
  trigger: { width: 260, height: 64 },
  step: { width: 260, height: 64 },
  insert: { width: 28, height: 28 },
  branch: { width: 150, height: 32 },
};

export const triggerNodeId = 'trigger';
export const stepNodeId = (id: string): string => `step:${id}`;
export const insertNodeId = (list: ListRef, index: number): string => `insert:${listKey(list)}:${index}`;
export const frameNodeId = (list: ListRef): string => `frame:${listKey(list)}`;

function frameLabel(step: StepDefinitionJson, ref: ListRef): string {
  if (ref.parent !== null && ref.slot === 'onError') return `If ${step.name ?? step.id} fails`;
  if (step.use === 'core/loop') return `For each item: ${step.name ?? step.id}`;
  return `Before waiting: ${step.name ?? step.id}`;
}

/**
 * The canvas graph of a recipe, top to bottom: the trigger, each step, a "+" before every step and at
 * the end of every list; a `core/paths` step fans out into branch labels whose lists sit side by side and
 * join again at the next step; child steps (loop body, approval) and error paths sit inside frames.
 */
export function recipeGraph(definition: RecipeDefinition): BuilderGraph {
  const nodes: BuilderNode[] = [];
  const edges: BuilderEdge[] = [];
  const add = (id: string, data: BuilderNodeData, parentId: string | undefined): void => {
    const size = data.kind === 'frame' ? { width: 0, height: 0 } : nodeSizes[data.kind];
    nodes.push({ id, type: data.kind, data, position: { x: 0, y: 0 }, ...size, ...(parentId !== undefined && { parentId }) });
  };
  const connect = (sources: string[], target: string): void => {
    for (const source of sources) edges.push({ id: `e:${source}->${target}`, source, target });
  };

  /** Draws one list after `entries` and returns the node ids the flow leaves it from. */
  const drawList = (steps: StepDefinitionJson[], ref: ListRef, pointer: string, frame: string | undefined, entries: string[], depth: number): string[] => {
    let flow = entries;
    // The server refuses nesting deeper than 10; the bound keeps a malformed draft from recursing forever.
    if (depth > 32) return flow;
    steps.forEach((step, index) => {
      const insert = insertNodeId(ref, index);
      add(insert, { kind: 'insert', at: { list: ref, index }, label: `Add a step before ${step.name ?? step.id}` }, frame);
      connect(flow, insert);
      const node = stepNodeId(step.id);
      add(node, { kind: 'step', step, pointer: `${pointer}/${index}`, list: ref, index }, frame);
      connect([insert], node);
      flow = [node];
      const exits: string[] = [];
      for (const child of childLists(step, `${pointer}/${index}`)) {
        if (child.ref.parent !== null && child.ref.slot === 'paths') {
          const branchId = `branch:${listKey(child.ref)}`;
          const name = step.paths?.[child.ref.branch]?.name ?? '';
          add(branchId, { kind: 'branch', stepId: step.id, branch: child.ref.branch, name }, frame);
          connect([node], branchId);
          exits.push(...drawList(child.steps, child.ref, child.pointer, frame, [branchId], depth + 1));
          continue;
        }
        const inner = frameNodeId(child.ref);
        add(inner, { kind: 'frame', list: child.ref, label: frameLabel(step, child.ref) }, frame);
        const leaves = drawList(child.steps, child.ref, child.pointer, inner, [node], depth + 1);
        // An error path ends the run's flow there; loop and approval bodies continue to the next step.
        if (child.ref.parent !== null && child.ref.slot === 'steps') exits.push(...leaves);
      }
      if (exits.length > 0) flow = exits;
    });
    const end = insertNodeId(ref, steps.length);
    const label = steps.length === 0 ? 'Add the first step here' : 'Add a step at the end';
    add(end, { kind: 'insert', at: { list: ref, index: steps.length }, label }, frame);
    connect(flow, end);
    return [end];
  };

  add(triggerNodeId, { kind: 'trigger', trigger: definition.trigger }, undefined);
  drawList(definition.steps, rootList, '/steps', undefined, [triggerNodeId], 0);
  return { nodes, edges };
}
