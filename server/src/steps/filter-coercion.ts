import { DateTime } from 'luxon';

/*
 * The coercion rules shared by `core/filter` and the formatter's list sorting. Step inputs arrive as
 * JSON from templates, so the same number may be `100` or `"100"`; comparisons decide the kind once:
 * numbers when both sides are numeric, else dates when both are ISO dates, else text.
 */

// Plain decimal notation only: `Number()` would also accept "", " ", "0x1F" and "Infinity".
// Each digit run has one way to match, so long inputs cannot make the expression backtrack.
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
// A calendar date must lead: luxon also reads week dates ("2024-W01") and bare years, which look like codes.
const ISO_DATE_PREFIX = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/;

/** A finite number from a number or a plain numeric string ("1,234" is not numeric: use `number.parse`). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!NUMERIC.test(trimmed)) return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Epoch ms of an ISO 8601 date string; a date without an offset is read as UTC so servers agree. */
export function asIsoDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!ISO_DATE_PREFIX.test(trimmed)) return undefined;
  const parsed = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Text as a person would read it: nothing is "", lists are comma-joined (as Zapier shows line items). */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Missing, as the `exists` operator sees it. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** Orders two present values: numerically, then chronologically, then by UTF-16 code units (locale-free). */
export function compareValues(left: unknown, right: unknown): number {
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== undefined && rightNumber !== undefined) return Math.sign(leftNumber - rightNumber);
  const leftDate = asIsoDate(left);
  const rightDate = asIsoDate(right);
  if (leftDate !== undefined && rightDate !== undefined) return Math.sign(leftDate - rightDate);
  const leftText = asText(left);
  const rightText = asText(right);
  if (leftText === rightText) return 0;
  return leftText < rightText ? -1 : 1;
}

/** Equality under the same coercion: `100`, `"100"` and `"1e2"` are equal; text is case-sensitive. */
export function looseEquals(left: unknown, right: unknown): boolean {
  return compareValues(left, right) === 0;
}
