import { dynamicFieldSchema, type DynamicFields, type Field } from '@switchyard/connectors';
import { renderTemplate } from '../templates/index.js';
import { readBodyPath } from './read-body-path.js';

export const maxDynamicFields = 500;
const maxChoices = 1000;

/** A fetched field, and the JSON template (seeing `{{value}}`) its value is wrapped in for `{{fields}}`. */
export interface DynamicField {
  field: Field;
  shape?: unknown;
}

/**
 * The vendor's list (a Salesforce object's `fields`, a Notion database's properties) as form fields: items
 * matching `when`, keyed by the rendered `key`. Items whose key does not fit `dynamicFieldKeySchema`, repeats
 * one, or is already a static input are left out, so a vendor can never shadow what the pack declares.
 */
export function dynamicFieldsFromItems(items: readonly unknown[], spec: DynamicFields, staticKeys: ReadonlySet<string>): DynamicField[] {
  const out: DynamicField[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (out.length >= maxDynamicFields) break;
    if (spec.when && !matches(item, spec.when)) continue;
    const key = text(renderTemplate(spec.key, { item }));
    if (staticKeys.has(key) || seen.has(key)) continue;
    const mapping = spec.types[spec.type === undefined ? '' : text(renderTemplate(spec.type, { item }))];
    const type = mapping === undefined ? 'string' : typeof mapping === 'string' ? mapping : mapping.type;
    const description = spec.description === undefined ? '' : text(renderTemplate(spec.description, { item }));
    const choices = spec.choices && (type === 'select' || type === 'multiselect') ? choicesOf(item, spec.choices) : [];
    const parsed = dynamicFieldSchema.safeParse({
      key,
      label: (text(renderTemplate(spec.label, { item })) || key).slice(0, 200),
      type,
      required: spec.required !== undefined && matches(item, spec.required),
      ...(description !== '' && { description: description.slice(0, 2000) }),
      ...(choices.length > 0 && { choices }),
    });
    if (!parsed.success) continue;
    seen.add(key);
    out.push(typeof mapping === 'object' && mapping.value !== undefined ? { field: parsed.data, shape: mapping.value } : { field: parsed.data });
  }
  return out;
}

function choicesOf(item: unknown, spec: NonNullable<DynamicFields['choices']>): { label: string; value: string | number | boolean }[] {
  const paths = typeof spec.items === 'string' ? [spec.items] : spec.items;
  const list = paths.map((path) => readBodyPath(item, path)).find((found) => Array.isArray(found));
  if (!Array.isArray(list)) return [];
  return list
    .filter((choice) => spec.when === undefined || matches(choice, spec.when))
    .slice(0, maxChoices)
    .map((choice) => {
      const rendered = renderTemplate(spec.value, { choice });
      const value = typeof rendered === 'number' || typeof rendered === 'boolean' ? rendered : text(rendered);
      return { label: (text(renderTemplate(spec.label, { choice })) || String(value)).slice(0, 200), value };
    });
}

/** Every listed item path equals its value, or one of them where the condition lists several. */
function matches(item: unknown, condition: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(condition).every(([path, expected]) => {
    const found = readBodyPath(item, path) ?? null;
    return Array.isArray(expected) ? expected.includes(found) : found === expected;
  });
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
