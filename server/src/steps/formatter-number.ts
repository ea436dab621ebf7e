import { z } from 'zod';
import { asNumber, isBlank } from './filter-coercion.js';
import { describeValue, formatterOperation, invalidInput, type FormatterOperation } from './formatter-operation.js';

/** A number from a number or plain numeric text; `field` names the input in the error. */
export function requireNumber(value: unknown, field: string): number {
  const number = asNumber(value);
  if (number !== undefined) return number;
  if (isBlank(value)) throw invalidInput(`${field} is empty; expected a number`);
  throw invalidInput(`${field} ${describeValue(value)} is not a number (use number.parse for formatted text)`);
}

/** Hides binary floating-point noise (0.1 + 0.2 is 0.3, not 0.30000000000000004): 15 significant digits. */
export function tidy(number: number): number {
  if (!Number.isFinite(number)) throw invalidInput('the result is too large to represent');
  return Number(number.toPrecision(15));
}

/** Half away from zero, as spreadsheets round; 1.005 rounds to 1.01 despite its binary value. */
function round(number: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(Number((Math.abs(number) * factor).toPrecision(15))) / factor;
  const signed = Math.sign(number) * tidy(rounded);
  // -0.001 rounds to 0, not -0 (which would print as "-0" in number.format).
  return signed === 0 ? 0 : signed;
}

const literal = (character: string) => `\\${character}`;

/** Reads "1,234.56" or, with decimal separator ",", "1.234,56"; spaces, apostrophes and currency signs are ignored. */
function parseNumber(value: unknown, decimal: '.' | ','): number {
  if (typeof value === 'number') return requireNumber(value, 'value');
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput('value is empty; expected a number');
  const group = decimal === '.' ? ',' : '.';
  const compact = value.replace(/[\s'\p{Sc}]/gu, '');
  // Group separators must sit every three digits, so "1.5" with decimal "," is an error, not 15.
  const shape = new RegExp(
    `^[+-]?(?:(?:\\d{1,3}(?:${literal(group)}\\d{3})+|\\d+)(?:${literal(decimal)}\\d*)?|${literal(decimal)}\\d+)$`,
  );
  if (!shape.test(compact)) {
    throw invalidInput(`value ${describeValue(value)} is not a number with decimal separator "${decimal}"`);
  }
  return Number(compact.replaceAll(group, '').replace(decimal, '.'));
}

function formatNumber(number: number, locale: string, decimals: number | undefined, currency: string | undefined) {
  try {
    return new Intl.NumberFormat(locale, {
      ...(currency === undefined ? {} : { style: 'currency', currency }),
      ...(decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals }),
    }).format(number);
  } catch {
    throw invalidInput(`options.locale ${describeValue(locale)} or options.currency is not valid`);
  }
}

const mathOperations = ['add', 'subtract', 'multiply', 'divide', 'min', 'max'] as const;

function calculate(operation: (typeof mathOperations)[number], left: number, right: number): number {
  switch (operation) {
    case 'add':
      return left + right;
    case 'subtract':
      return left - right;
    case 'multiply':
      return left * right;
    case 'divide':
      if (right === 0) throw invalidInput('options.operand is 0; cannot divide by zero');
      return left / right;
    case 'min':
      return Math.min(left, right);
    case 'max':
      return Math.max(left, right);
  }
}

export const numberOperations: FormatterOperation[] = [
  formatterOperation(
    'number.format',
    'Formats a number for people: "1,234.50", "1.234,50 €".',
    z
      .object({
        locale: z.string().min(1).default('en-US'),
        decimals: z.number().int().min(0).max(20).optional(),
        currency: z
          .string()
          .regex(/^[A-Za-z]{3}$/, 'currency must be a three-letter ISO 4217 code such as "EUR"')
          .optional(),
      })
      .prefault({}),
    (value, { locale, decimals, currency }) =>
      formatNumber(requireNumber(value, 'value'), locale, decimals, currency?.toUpperCase()),
  ),
  formatterOperation(
    'number.round',
    'Rounds to a number of decimals (negative rounds to tens, hundreds…), halves away from zero.',
    z.object({ decimals: z.number().int().min(-15).max(15).default(0) }).prefault({}),
    (value, { decimals }) => round(requireNumber(value, 'value'), decimals),
  ),
  formatterOperation(
    'number.parse',
    'Reads a number from text such as "$1,234.56" or "1.234,56" (set decimal_separator).',
    z.object({ decimal_separator: z.enum(['.', ',']).default('.') }).prefault({}),
    (value, { decimal_separator }) => parseNumber(value, decimal_separator),
  ),
  formatterOperation(
    'number.math',
    'Adds, subtracts, multiplies, divides by, or takes the min or max with an operand.',
    z.object({ operation: z.enum(mathOperations), operand: z.unknown() }),
    (value, { operation, operand }) =>
      tidy(calculate(operation, requireNumber(value, 'value'), requireNumber(operand, 'options.operand'))),
  ),
];
