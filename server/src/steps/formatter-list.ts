import { z } from 'zod';
import { asNumber, asText, compareValues, isBlank } from './filter-coercion.js';
import {
  describeValue,
  formatterOperation,
  invalidInput,
  noOptions,
  type FormatterOperation,
} from './formatter-operation.js';
import { tidy } from './formatter-number.js';
import { splitOptions, splitText } from './formatter-text.js';

// Same rule as templates: these names never resolve, so a key cannot reach into prototypes.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Missing counts as an empty list; text must be split explicitly, so "a,b" is not silently one item. */
function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  throw invalidInput(`value ${describeValue(value)} is not a list (use list.split_to_list to turn text into one)`);
}

/** Reads a dotted path ("customer.email", "lines.0.sku") through own properties only; missing is null. */
function readPath(item: unknown, path: string): unknown {
  let current = item;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || FORBIDDEN_KEYS.has(key) || !Object.hasOwn(current, key)) {
      return null;
    }
    current = Reflect.get(current, key);
  }
  return current;
}

/** Identity for `unique`: structural, key-order-insensitive and type-aware, so 1 and "1" stay distinct. */
function identity(item: unknown): string {
  return (
    JSON.stringify(item, (_key, nested: unknown) =>
      typeof nested === 'object' && nested !== null && !Array.isArray(nested)
        ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : nested,
    ) ?? 'undefined'
  );
}

/** Sorts with the filter's coercion (numbers, then dates, then text); empty values go last either way. */
function sortList(items: unknown[], direction: 'asc' | 'desc', by: string | undefined): unknown[] {
  const keyOf = (item: unknown) => (by === undefined ? item : readPath(item, by));
  const sign = direction === 'asc' ? 1 : -1;
  return items.toSorted((a, b) => {
    const left = keyOf(a);
    const right = keyOf(b);
    if (isBlank(left) || isBlank(right)) return Number(isBlank(left)) - Number(isBlank(right));
    return sign * compareValues(left, right);
  });
}

function sum(items: unknown[]): number {
  let total = 0;
  items.forEach((item, index) => {
    if (isBlank(item)) return;
    const number = asNumber(item);
    if (number === undefined) throw invalidInput(`value item ${index} ${describeValue(item)} is not a number`);
    total += number;
  });
  return tidy(total);
}

function chunk(items: unknown[], size: number): unknown[][] {
  const chunks: unknown[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

export const listOperations: FormatterOperation[] = [
  formatterOperation(
    'list.join',
    'Joins the items into text with a separator.',
    z.object({ separator: z.string().default(', ') }).prefault({}),
    (value, { separator }) => asList(value).map(asText).join(separator),
  ),
  formatterOperation(
    'list.split_to_list',
    'Turns separated text ("a, b, c") into a list; a list is returned as it is.',
    splitOptions,
    (value, { separator, trim }) => (Array.isArray(value) ? value : splitText(asText(value), separator, trim)),
  ),
  formatterOperation('list.first', 'The first item, or null.', noOptions, (value) => asList(value).at(0) ?? null),
  formatterOperation('list.last', 'The last item, or null.', noOptions, (value) => asList(value).at(-1) ?? null),
  formatterOperation(
    'list.item_at',
    'The item at a position counted from 0; negative counts from the end (-1 is the last). Null if absent.',
    z.object({ index: z.number().int() }),
    (value, { index }) => asList(value).at(index) ?? null,
  ),
  formatterOperation('list.unique', 'Removes repeated items, keeping the first.', noOptions, (value) => {
    const seen = new Set<string>();
    return asList(value).filter((item) => {
      const key = identity(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }),
  formatterOperation(
    'list.sort',
    'Sorts numbers, dates or text, optionally by a key of each item ("by": "price").',
    z
      .object({ direction: z.enum(['asc', 'desc']).default('asc'), by: z.string().min(1).optional() })
      .prefault({}),
    (value, { direction, by }) => sortList(asList(value), direction, by),
  ),
  formatterOperation('list.reverse', 'Reverses the order.', noOptions, (value) => asList(value).toReversed()),
  formatterOperation(
    'list.sum',
    'Adds up the items (numeric text counts; empty items are skipped).',
    noOptions,
    (value) => sum(asList(value)),
  ),
  formatterOperation('list.count', 'The number of items.', noOptions, (value) => asList(value).length),
  formatterOperation(
    'list.flatten',
    'Merges nested lists into one, depth levels deep (1 by default).',
    z.object({ depth: z.number().int().min(1).max(100).default(1) }).prefault({}),
    (value, { depth }) => asList(value).flat(depth),
  ),
  formatterOperation(
    'list.pluck',
    'Takes one field from every item ("email", or a path like "customer.email"); null where missing.',
    z.object({ key: z.string().min(1) }),
    (value, { key }) => asList(value).map((item) => readPath(item, key)),
  ),
  formatterOperation(
    'list.filter_empty',
    'Drops missing, null and blank-text items.',
    noOptions,
    (value) => asList(value).filter((item) => !isBlank(item) && !(typeof item === 'string' && item.trim() === '')),
  ),
  formatterOperation(
    'list.chunk',
    'Groups the items into lists of size items (the last may be shorter).',
    z.object({ size: z.number().int().min(1) }),
    (value, { size }) => chunk(asList(value), size),
  ),
];
