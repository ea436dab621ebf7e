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

/** The flat form the builder edits: every rule must hold (`all`) or any one (`any`). */
export interface ConditionList {
  mode: 'all' | 'any';
  rules: Rule[];
  /** Nested groups the form does not edit; kept as they are, so saving never loses them. */
  groups: unknown[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRule = (value: unknown): value is Rule => isObject(value) && 'op' in value;

export function readConditions(value: unknown): ConditionList {
  const group = isObject(value) ? value : {};
  const mode = Array.isArray(group['any']) ? 'any' : 'all';
  const items: unknown[] = Array.isArray(group[mode]) ? (group[mode] as unknown[]) : [];
  return { mode, rules: items.filter(isRule), groups: items.filter((item) => !isRule(item)) };
}

/** The `{ all | any: [...] }` group the server reads; a unary rule carries no `right`. */
export function writeConditions(list: ConditionList): Record<string, unknown[]> {
  const rules = list.rules.map(({ right, ...rule }) => (takesRight(rule.op) && right !== undefined ? { ...rule, right } : rule));
  return { [list.mode]: [...rules, ...list.groups] };
}

export const emptyRule = (): Rule => ({ left: '', op: 'eq', right: '' });
