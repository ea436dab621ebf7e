/** Filter operators (DESIGN §9) with the words the builder shows. */
export const operators = [
  { value: 'eq', label: 'equals' },
  { value: 'ne', label: 'does not equal' },
  { value: 'gt', label: 'is greater than' },
  { value: 'gte', label: 'is at least' },
  { value: 'lt', label: 'is less than' },
  { value: 'lte', label: 'is at most' },
  { value: 'contains', label: 'contains' },
  { value: 'not_contains', label: 'does not contain' },
  { value: 'starts_with', label: 'starts with' },
  { value: 'ends_with', label: 'ends with' },
  { value: 'in', label: 'is one of' },
  { value: 'exists', label: 'exists' },
  { value: 'not_exists', label: 'does not exist' },
  { value: 'is_true', label: 'is true' },
  { value: 'is_false', label: 'is false' },
] as const;

export type Operator = (typeof operators)[number]['value'];

const unary = new Set<string>(['exists', 'not_exists', 'is_true', 'is_false']);

/** Operators that compare with nothing: the rule has no right-hand value. */
export const takesRight = (op: string): boolean => !unary.has(op);

export interface Rule {
  left: unknown;
  op: Operator;
  right?: unknown;
  label?: string;
}

/** A group the builder edits: its rules and groups, in order, must all hold (`all`) or any one (`any`). */
export interface ConditionGroup {
  mode: 'all' | 'any';
  items: ConditionItem[];
}

export type ConditionItem = Rule | ConditionGroup;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRule = (value: unknown): value is Rule => isObject(value) && 'op' in value;
export const isGroup = (item: ConditionItem): item is ConditionGroup => 'mode' in item && 'items' in item;

/** The server's `{ all | any: [...] }` tree as groups; items that are neither a rule nor a group are dropped (the server refuses them). */
export function readConditions(value: unknown): ConditionGroup {
  const group = isObject(value) ? value : {};
  const mode = Array.isArray(group['any']) ? 'any' : 'all';
  const items: unknown[] = Array.isArray(group[mode]) ? (group[mode] as unknown[]) : [];
  return { mode, items: items.flatMap((item): ConditionItem[] => (isRule(item) ? [item] : isObject(item) ? [readConditions(item)] : [])) };
}

/** The `{ all | any: [...] }` tree the server reads; a unary rule carries no `right`. */
export function writeConditions(group: ConditionGroup): Record<string, unknown[]> {
  const items = group.items.map((item) => {
    if (isGroup(item)) return writeConditions(item);
    const { right, ...rule } = item;
    return takesRight(rule.op) && right !== undefined ? { ...rule, right } : rule;
  });
  return { [group.mode]: items };
}

export const emptyRule = (): Rule => ({ left: '', op: 'eq', right: '' });

/** A new group inside `parent`: the other combinator (a group of the same kind adds nothing), with one empty rule (the server refuses empty groups). */
export const emptyGroup = (parent: ConditionGroup): ConditionGroup => ({ mode: parent.mode === 'all' ? 'any' : 'all', items: [emptyRule()] });
