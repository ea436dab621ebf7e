import { z } from 'zod';
import { asText, compareValues, isBlank, looseEquals } from './filter-coercion.js';

export const filterOperators = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in',
  'exists',
  'not_exists',
  'is_true',
  'is_false',
] as const;

export type FilterOperator = (typeof filterOperators)[number];

/** `label` names `left` in explanations (the builder sets it to the field's name, e.g. "amount"). */
export interface ConditionRule {
  left: unknown;
  op: FilterOperator;
  right?: unknown;
  label?: string;
}

// The absent key is typed so `group.all !== undefined` tells the two kinds apart.
export type ConditionGroup = { all: Condition[]; any?: undefined } | { any: Condition[]; all?: undefined };
export type Condition = ConditionRule | ConditionGroup;

// Strict objects: a misspelt "rigth" or a group holding both "all" and "any" must fail, not be dropped.
const ruleSchema = z.strictObject({
  left: z.unknown(),
  op: z.enum(filterOperators),
  right: z.unknown().optional(),
  label: z.string().optional(),
});

// An empty group would pass (`all`) or block (`any`) everything silently; it is always a builder mistake.
export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
  ]),
);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() => z.union([ruleSchema, conditionGroupSchema]));

const TRUE_TEXT = new Set(['true', '1']);
const FALSE_TEXT = new Set(['false', '0']);

function isTrue(value: unknown): boolean {
  if (typeof value === 'string') return TRUE_TEXT.has(value.trim().toLowerCase());
  return value === true || value === 1;
}

function isFalse(value: unknown): boolean {
  if (typeof value === 'string') return FALSE_TEXT.has(value.trim().toLowerCase());
  return value === false || value === 0;
}

/** `contains`: a list holds an equal item; anything else is searched as text, case-sensitively. */
function contains(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) return left.some((item) => looseEquals(item, right));
  return asText(left).includes(asText(right));
}

/** `in`: right is a list, or a comma-separated text whose items are trimmed. */
function isIn(left: unknown, right: unknown): boolean {
  if (Array.isArray(right)) return right.some((item) => looseEquals(left, item));
  if (typeof right === 'string') return right.split(',').some((item) => looseEquals(left, item.trim()));
  return looseEquals(left, right);
}

/** Ordering needs two present values: a missing amount is neither above nor below 100. */
function ordered(left: unknown, right: unknown, accept: (order: number) => boolean): boolean {
  if (isBlank(left) || isBlank(right)) return false;
  return accept(compareValues(left, right));
}

function evaluateRule({ left, op, right }: ConditionRule): boolean {
  switch (op) {
    case 'eq':
      return looseEquals(left, right);
    case 'ne':
      return !looseEquals(left, right);
    case 'gt':
      return ordered(left, right, (order) => order > 0);
    case 'gte':
      return ordered(left, right, (order) => order >= 0);
    case 'lt':
      return ordered(left, right, (order) => order < 0);
    case 'lte':
      return ordered(left, right, (order) => order <= 0);
    case 'contains':
      return contains(left, right);
    case 'not_contains':
      return !contains(left, right);
    case 'starts_with':
      return asText(left).startsWith(asText(right));
    case 'ends_with':
      return asText(left).endsWith(asText(right));
    case 'in':
      return isIn(left, right);
    case 'exists':
      return !isBlank(left);
    case 'not_exists':
      return isBlank(left);
    case 'is_true':
      return isTrue(left);
    case 'is_false':
      return isFalse(left);
  }
}

/**
 * Coercion, as Zapier users expect it: two numerics (`100`, `"100"`, `"1e2"`) compare as numbers, two
 * ISO dates as instants, anything else as case-sensitive text (lists comma-joined, objects as JSON).
 * Ordering operators are false when either side is missing. `is_true` accepts true, 1, "true", "1";
 * `is_false` accepts false, 0, "false", "0" — a missing value is neither.
 */
export function evaluateCondition(condition: Condition): boolean {
  if ('op' in condition) return evaluateRule(condition);
  if (condition.all !== undefined) return condition.all.every(evaluateCondition);
  return condition.any.some(evaluateCondition);
}

/** What each operator says when it holds, and when it does not. */
const phrases: Record<FilterOperator, readonly [string, string]> = {
  eq: ['equals', 'does not equal'],
  ne: ['does not equal', 'equals'],
  gt: ['is greater than', 'is not greater than'],
  gte: ['is greater than or equal to', 'is not greater than or equal to'],
  lt: ['is less than', 'is not less than'],
  lte: ['is less than or equal to', 'is not less than or equal to'],
  contains: ['contains', 'does not contain'],
  not_contains: ['does not contain', 'contains'],
  starts_with: ['starts with', 'does not start with'],
  ends_with: ['ends with', 'does not end with'],
  in: ['is in', 'is not in'],
  exists: ['exists', 'does not exist'],
  not_exists: ['does not exist', 'exists'],
  is_true: ['is true', 'is not true'],
  is_false: ['is false', 'is not false'],
};

const UNARY: ReadonlySet<FilterOperator> = new Set(['exists', 'not_exists', 'is_true', 'is_false']);
const SHOWN_LENGTH = 60;

function show(value: unknown): string {
  if (isBlank(value)) return 'empty';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

function explainRule(rule: ConditionRule): string {
  const [holds, fails] = phrases[rule.op];
  const subject = rule.label === undefined ? show(rule.left) : `${rule.label} (${show(rule.left)})`;
  const verb = evaluateRule(rule) ? holds : fails;
  return UNARY.has(rule.op) ? `${subject} ${verb}` : `${subject} ${verb} ${show(rule.right)}`;
}

function explainPart(condition: Condition): string {
  const text = explainCondition(condition);
  return 'op' in condition ? text : `(${text})`;
}

/**
 * A sentence for run views saying why a condition came out as it did, e.g. "amount (50) is not greater
 * than 100". Groups name only the conditions that decided the outcome.
 */
export function explainCondition(condition: Condition): string {
  if ('op' in condition) return explainRule(condition);
  if (condition.all !== undefined) {
    const failing = condition.all.filter((child) => !evaluateCondition(child));
    return (failing.length > 0 ? failing : condition.all).map(explainPart).join(' and ');
  }
  const passing = condition.any.filter(evaluateCondition);
  if (passing.length > 0) return passing.map(explainPart).join(' and ');
  return `none matched: ${condition.any.map(explainPart).join('; ')}`;
}
