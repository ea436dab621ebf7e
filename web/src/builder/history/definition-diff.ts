import type { RecipeDefinition, StepDefinitionJson } from '@switchyard/server/contracts';
import { allSteps, listKey } from '../graph/step-lists';

/** One value that differs, named by its path inside the step or trigger (`input/url`, `retry/maxAttempts`). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type StepChange =
  | { kind: 'added' | 'removed'; id: string; use: string; name: string | undefined }
  | { kind: 'changed'; id: string; use: string; name: string | undefined; moved: { from: string; to: string } | null; fields: FieldChange[] };

export interface DefinitionDiff {
  trigger: FieldChange[];
  settings: FieldChange[];
  /** In reading order: steps of the newer definition, with removed steps after them. */
  steps: StepChange[];
}

/** Nested step lists are diffed as steps of their own; only a branch's name and condition belong to its step. */
function ownFields(step: StepDefinitionJson): Record<string, unknown> {
  const { steps: _steps, paths, onError, ...rest } = step;
  return {
    ...rest,
    ...(paths && { paths: paths.map(({ name, when }) => ({ name, when })) }),
    ...(onError !== undefined && { onError: typeof onError === 'string' ? onError : 'error path' }),
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaf values by path; arrays of scalars and empty containers are leaves, so a list of tags reads as one change. */
function leaves(value: unknown, path: string, out: Map<string, unknown>, depth: number): Map<string, unknown> {
  const hasObjects = Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null);
  const container = isPlainObject(value) ? Object.entries(value) : hasObjects ? value.map((item: unknown, index) => [String(index), item] as const) : null;
  // Definitions are at most 10 deep (the server's rule); the bound keeps an odd value from recursing forever.
  if (!container || container.length === 0 || depth > 40) {
    if (path !== '') out.set(path, value);
    return out;
  }
  for (const [key, item] of container) if (item !== undefined) leaves(item, path === '' ? key : `${path}/${key}`, out, depth + 1);
  return out;
}

/** The paths whose values differ between two objects, in the order they first appear. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const old = leaves(before, '', new Map(), 0);
  const now = leaves(after, '', new Map(), 0);
  const changes: FieldChange[] = [];
  for (const field of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(field);
    const b = now.get(field);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/**
 * What changed from one recipe definition to another, step by step. Steps are matched by id (unique in a
 * recipe), so a renamed or moved step reads as changed, not as removed and added.
 */
export function definitionDiff(before: RecipeDefinition, after: RecipeDefinition): DefinitionDiff {
  const oldSteps = new Map(allSteps(before).map((location) => [location.step.id, location]));
  const newSteps = allSteps(after);
  const newIds = new Set(newSteps.map((location) => location.step.id));
  const steps: StepChange[] = [];
  for (const { step, list } of newSteps) {
    const old = oldSteps.get(step.id);
    if (!old) {
      steps.push({ kind: 'added', id: step.id, use: step.use, name: step.name });
      continue;
    }
    const fields = fieldChanges(ownFields(old.step), ownFields(step));
    const from = listKey(old.list);
    const to = listKey(list);
    if (fields.length > 0 || from !== to) steps.push({ kind: 'changed', id: step.id, use: step.use, name: step.name, moved: from === to ? null : { from, to }, fields });
  }
  for (const [id, { step }] of oldSteps) if (!newIds.has(id)) steps.push({ kind: 'removed', id, use: step.use, name: step.name });
  return { trigger: fieldChanges(before.trigger, after.trigger), settings: fieldChanges(before.settings ?? {}, after.settings ?? {}), steps };
}

/** True when two definitions differ in nothing the diff shows. */
export function isEmptyDiff(diff: DefinitionDiff): boolean {
  return diff.trigger.length === 0 && diff.settings.length === 0 && diff.steps.length === 0;
}

/** A value as one short line: strings as written, everything else as JSON, absent as "—". */
export function showValue(value: unknown, max = 120): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
