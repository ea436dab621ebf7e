import { previewValue } from './to-text.js';

// Thousands separators are allowed ("1,234.5"); hex, "Infinity" and empty strings are not numbers here.
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Coerces numbers and numeric strings (as webhooks often send them) to a finite number, or throws. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const compact = value.trim().replaceAll(',', '');
    if (NUMERIC.test(compact)) {
      const parsed = Number(compact);
      if (Number.isFinite(parsed)) return parsed;
    }
  }
  throw new Error(`cannot convert ${previewValue(value)} to a number`);
}
