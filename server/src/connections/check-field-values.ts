import type { Field } from '@switchyard/connectors';
import type { Problem } from '../contracts/problem.js';
import { derivedDefaults, isUnrenderedDefault } from './derived-defaults.js';

export interface SplitValues {
  values: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

export type FieldCheck = { ok: true; result: SplitValues } | { ok: false; problems: Problem[] };

export const fieldPointer = (key: string) => `/fields/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;

/**
 * Checks what a user typed against a pack's connection fields and splits it into shown and secret values.
 * `stored` is the connection being updated: a key left out keeps its stored value, `null` clears it.
 * Without `stored` (create), defaults fill the gaps.
 */
export function checkFieldValues(fields: readonly Field[], input: Record<string, unknown>, stored?: SplitValues): FieldCheck {
  const problems: Problem[] = [];
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (const key of Object.keys(input)) {
    if (!byKey.has(key)) {
      const known = fields.map((field) => field.key).join(', ') || 'none';
      problems.push({ path: fieldPointer(key), message: `this pack has no connection field "${key}" (its fields: ${known})` });
    }
  }
  const result: SplitValues = { values: {}, secrets: {} };
  const derived = derivedDefaults(fields, input, stored?.values);
  for (const field of fields) {
    const given = Object.hasOwn(input, field.key) ? input[field.key] : undefined;
    const kept = stored ? (field.secret ? stored.secrets : stored.values)[field.key] : field.default;
    const value = derived[field.key] ?? (given === undefined ? kept : given);
    // The fields it names report themselves as missing.
    if (isUnrenderedDefault(field, value)) continue;
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push({ path: fieldPointer(field.key), message: `${field.label} is required` });
      continue;
    }
    const wrong = typeProblem(field, value) ?? patternProblem(field, value);
    if (wrong) problems.push({ path: fieldPointer(field.key), message: wrong });
    else (field.secret ? result.secrets : result.values)[field.key] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, result };
}

function patternProblem(field: Field, value: unknown): string | null {
  if (!field.pattern || typeof value !== 'string') return null;
  return new RegExp(`^(?:${field.pattern.regex})$`, 'u').test(value) ? null : field.pattern.message;
}

function typeProblem(field: Field, value: unknown): string | null {
  const allowed = field.choices?.map((choice) => choice.value);
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'integer':
      return Number.isInteger(value) ? null : 'must be a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'json':
      return null;
    case 'multiselect':
      if (!Array.isArray(value)) return 'must be a list';
      return allowed && value.some((item) => !allowed.includes(item)) ? `must be chosen from: ${allowed.join(', ')}` : null;
    case 'select':
      return allowed && !allowed.includes(value as string) ? `must be one of: ${allowed.join(', ')}` : null;
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value) ? null : 'must be an http or https URL';
    case 'email':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value) ? null : 'must be an e-mail address';
    default:
      if (typeof value !== 'string') return 'must be text';
      return value.length > 10_000 ? 'must be at most 10000 characters' : null;
  }
}
