import type { Problem } from '@switchyard/server/contracts';
import type { ManifestField } from '../packs/pack-manifest';

/** What the form holds per field: text for most inputs, a flag for booleans, a list for multiselects. */
export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;

/** The stored values of an existing connection (secrets are never sent to the browser). */
export interface StoredConnection {
  fields: Record<string, unknown>;
  secrets: { key: string; set: boolean }[];
}

function asFormValue(field: ManifestField, value: unknown): FormValue {
  if (field.type === 'boolean') return value === true;
  if (field.type === 'multiselect') return Array.isArray(value) ? value.map(String) : [];
  if (value === undefined || value === null) return '';
  if (field.type === 'json') return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return String(value);
}

/** A default naming other connection fields (`https://{{connection.shop}}.myshopify.com`), which the server fills in while the field is blank. */
const derivedDefault = (field: ManifestField): string | undefined =>
  typeof field.default === 'string' && field.default.includes('{{') ? field.default : undefined;

/**
 * Starting values: the stored ones when editing, else the pack's defaults; secrets always start empty, and so
 * do fields whose default follows other fields (their placeholder shows what it becomes).
 */
export function initialValues(fields: ManifestField[], stored?: StoredConnection): FormValues {
  return Object.fromEntries(
    fields.map((field) => [
      field.key,
      field.secret || (!stored && derivedDefault(field)) ? '' : asFormValue(field, stored ? stored.fields[field.key] : field.default),
    ]),
  );
}

/**
 * What a blank field with a derived default becomes, with the form's current values (`<shop>` for one still
 * blank); the field's own placeholder otherwise.
 */
export function placeholderOf(field: ManifestField, values: FormValues): string | undefined {
  const template = derivedDefault(field);
  if (template === undefined) return field.placeholder;
  return template.replace(/\{\{\s*connection\.([A-Za-z0-9_]+)\s*\}\}/g, (_match, key: string) => {
    const value = values[key];
    return typeof value === 'string' && value.trim() !== '' ? encodeURIComponent(value.trim()) : `<${key}>`;
  });
}

export const isSecretSet = (stored: StoredConnection | undefined, key: string): boolean =>
  stored?.secrets.some((secret) => secret.key === key && secret.set) ?? false;

const isBlank = (value: FormValue | undefined): boolean =>
  value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

function convert(field: ManifestField, value: FormValue): Converted {
  if (typeof value === 'boolean' || Array.isArray(value)) {
    const choose = (item: string) => field.choices.find((choice) => String(choice.value) === item)?.value ?? item;
    return { ok: true, value: Array.isArray(value) ? value.map(choose) : value };
  }
  const trimmed = value.trim();
  switch (field.type) {
    case 'number':
    case 'integer': {
      const number = Number(trimmed);
      if (!Number.isFinite(number)) return { ok: false, message: 'must be a number' };
      if (field.type === 'integer' && !Number.isInteger(number)) return { ok: false, message: 'must be a whole number' };
      return { ok: true, value: number };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(trimmed) };
      } catch {
        return { ok: false, message: 'must be valid JSON' };
      }
    case 'select':
      return { ok: true, value: field.choices.find((choice) => String(choice.value) === trimmed)?.value ?? trimmed };
    default:
      // Secrets are sent exactly as typed (a key may end in a space); other text is trimmed.
      return { ok: true, value: field.secret ? value : trimmed };
  }
}

/**
 * The `fields` to send. Creating: blank fields are left out. Editing (`stored` given): a blank secret keeps its
 * stored value (left out), a blank non-secret that had a value is cleared (null). Problems use the same JSON
 * pointers as the server (`/fields/<key>`), so both show beside the field.
 */
export function fieldsPayload(
  fields: ManifestField[],
  values: FormValues,
  stored?: StoredConnection,
): { fields: Record<string, unknown>; problems: Problem[] } {
  const payload: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const field of fields) {
    const value = values[field.key];
    const path = `/fields/${field.key}`;
    if (value === undefined || isBlank(value)) {
      const kept = field.secret && isSecretSet(stored, field.key);
      if (field.required && !kept) problems.push({ path, message: `${field.label} is required` });
      else if (stored && !field.secret && stored.fields[field.key] !== undefined) payload[field.key] = null;
      continue;
    }
    const converted = convert(field, value);
    if (converted.ok) payload[field.key] = converted.value;
    else problems.push({ path, message: `${field.label} ${converted.message}` });
  }
  return { fields: payload, problems };
}
