import type { RecipeDefinition } from '@switchyard/server/contracts';
import { findStep } from '../graph/step-lists';
import { visibleStepIds } from '../graph/visible-steps';

/** One value a template can use: clicking it inserts `{{path}}`. */
export interface Pill {
  path: string;
  /** The keys below the group's root, e.g. `body › amount`. */
  label: string;
  /** A short rendering of the sample value. */
  preview: string;
}

export interface PillGroup {
  /** `trigger`, `loop`, or a step id. */
  id: string;
  title: string;
  pills: Pill[];
  /** True when the group has no sample data yet (only its root can be inserted). */
  empty: boolean;
}

export interface PillInputs {
  definition: RecipeDefinition;
  /** The step being edited. */
  stepId: string;
  /** The trigger's event: the pack trigger's sample, or the last event the recipe received. */
  triggerSample: unknown;
  /** Each step's output: from the latest run when there is one, else the action's sample. */
  stepSamples: Readonly<Record<string, unknown>>;
  stepTitle: (use: string) => string;
}

const maxDepth = 5;
const maxPillsPerGroup = 200;

/** `a.b[0]["first name"]`: names the template language reads without quotes stay bare. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) && !['constructor', '__proto__', 'prototype'].includes(key)) return `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

export function previewValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return `list of ${value.length}`;
  if (typeof value === 'object') return `${Object.keys(value).length} fields`;
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Every value inside a sample as a pill, lists through their first item, depth and count bounded. */
export function samplePills(sample: unknown, root: string): Pill[] {
  const pills: Pill[] = [];
  const walk = (value: unknown, path: string, label: string[], depth: number): void => {
    if (depth > maxDepth || pills.length >= maxPillsPerGroup) return;
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.length > 0 ? [[0, value[0]]] : []
      : value !== null && typeof value === 'object' ? Object.entries(value) : [];
    for (const [key, child] of children) {
      if (pills.length >= maxPillsPerGroup) return;
      const childPath = joinPath(path, key);
      const childLabel = [...label, typeof key === 'number' ? `item ${key + 1}` : key];
      pills.push({ path: childPath, label: childLabel.join(' › '), preview: previewValue(child) });
      walk(child, childPath, childLabel, depth + 1);
    }
  };
  walk(sample, root, [], 0);
  return pills;
}

/** The pill groups a step's form offers: the trigger, `loop` inside a loop, then each earlier step. */
export function pillGroups(inputs: PillInputs): PillGroup[] {
  const { definition, stepId, triggerSample, stepSamples, stepTitle } = inputs;
  const visible = visibleStepIds(definition, stepId);
  const groups: PillGroup[] = [];
  const triggerPills = samplePills(triggerSample, 'trigger');
  groups.push({ id: 'trigger', title: `Trigger: ${stepTitle(definition.trigger.use)}`, pills: triggerPills, empty: triggerPills.length === 0 });
  if (visible.inLoop) {
    groups.push({
      id: 'loop',
      title: 'Current loop item',
      pills: [
        { path: 'loop.item', label: 'item', preview: 'the current item' },
        { path: 'loop.index', label: 'index', preview: '0, 1, 2…' },
      ],
      empty: false,
    });
  }
  for (const id of visible.steps) {
    const step = findStep(definition, id)?.step;
    if (!step) continue;
    const root = `steps.${id}.output`;
    const pills = samplePills(stepSamples[id], root);
    groups.push({ id, title: `${step.name ?? id} (${stepTitle(step.use)})`, pills, empty: pills.length === 0 });
  }
  return groups;
}
