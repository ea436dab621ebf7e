import type { FieldInput, FieldType } from '../manifest/field-schema.js';
import { asArray, asRecord, asText, clip, jsonCopy, type JsonRecord } from './json-value.js';

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);
const STRING_FORMATS: Record<string, FieldType> = {
  date: 'date',
  'date-time': 'datetime',
  email: 'email',
  'idn-email': 'email',
  uri: 'url',
  url: 'url',
  iri: 'url',
};
const MAX_CHOICES = 1000;

/** The schema's types without `null` (3.1 `type: [x, 'null']`, 3.0 `nullable`). */
function declaredTypes(schema: JsonRecord): string[] {
  const raw = Array.isArray(schema.type) ? schema.type : [schema.type];
  return raw.filter((type): type is string => typeof type === 'string' && type !== 'null');
}

/**
 * Sees through wrappers that only add `null` or a single branch: `anyOf: [{type: string}, {type: null}]`,
 * `allOf: [{$ref}]`. Bounded, because dereferenced schemas can be circular.
 */
export function effectiveSchema(schema: JsonRecord): JsonRecord {
  let current = schema;
  for (let depth = 0; depth < 5; depth += 1) {
    if (declaredTypes(current).length > 0 || current.enum !== undefined || current.properties !== undefined) return current;
    const branches = [...asArray(current.allOf), ...asArray(current.anyOf), ...asArray(current.oneOf)]
      .map(asRecord)
      .filter((branch): branch is JsonRecord => branch !== undefined && !(declaredTypes(branch).length === 0 && branch.type === 'null'));
    if (branches.length !== 1) return current;
    current = { ...(branches[0] as JsonRecord), description: current.description ?? (branches[0] as JsonRecord).description };
  }
  return current;
}

function choicesOf(values: unknown[]): FieldInput['choices'] {
  const scalars = values.filter((value): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value));
  if (scalars.length === 0 || scalars.length > MAX_CHOICES) return undefined;
  return [...new Map(scalars.map((value) => [JSON.stringify(value), value])).values()].map((value) => ({
    label: clip(String(value), 200) ?? '(empty)',
    value,
  }));
}

interface TypeAndChoices {
  type: FieldType;
  choices?: FieldInput['choices'];
}

function typeOf(schema: JsonRecord, allowFile: boolean): TypeAndChoices {
  const choices = schema.enum === undefined ? undefined : choicesOf(asArray(schema.enum));
  if (choices !== undefined) return { type: 'select', choices };
  const types = declaredTypes(schema);
  const inferred = types.length > 0 ? types : schema.properties !== undefined ? ['object'] : schema.items !== undefined ? ['array'] : [];
  if (inferred.length === 0) return { type: [schema.allOf, schema.anyOf, schema.oneOf].some((b) => b !== undefined) ? 'json' : 'string' };
  if (inferred.length > 1) return { type: inferred.every((type) => SCALAR_TYPES.has(type)) ? 'string' : 'json' };
  const format = typeof schema.format === 'string' ? schema.format.toLowerCase() : '';
  switch (inferred[0]) {
    case 'string':
      if (allowFile && (format === 'binary' || (schema.contentMediaType !== undefined && schema.contentEncoding === undefined))) return { type: 'file' };
      return { type: STRING_FORMATS[format] ?? 'string' };
    case 'integer':
      return { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array': {
      const items = effectiveSchema(asRecord(schema.items) ?? {});
      const itemChoices = items.enum === undefined ? undefined : choicesOf(asArray(items.enum));
      return itemChoices === undefined ? { type: 'json' } : { type: 'multiselect', choices: itemChoices };
    }
    default:
      return { type: 'json' };
  }
}

function fits(value: unknown, field: TypeAndChoices): boolean {
  if (value === undefined || value === null) return false;
  if (field.choices !== undefined) {
    const allowed = new Set(field.choices.map((choice) => JSON.stringify(choice.value)));
    return field.type === 'multiselect'
      ? Array.isArray(value) && value.every((item) => allowed.has(JSON.stringify(item)))
      : allowed.has(JSON.stringify(value));
  }
  switch (field.type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return true;
    case 'file':
      return false;
    default:
      return typeof value === 'string';
  }
}

export interface FieldSource {
  key: string;
  /** The name in the document (parameter or property name). */
  name: string;
  schema: unknown;
  required: boolean;
  description?: unknown;
  example?: unknown;
  /** Binary strings become `file` fields (multipart bodies only). */
  allowFile?: boolean;
}

/** An input or connection field from a JSON Schema: type, choices, default, description and placeholder. */
export function schemaToField(source: FieldSource): FieldInput {
  const schema = effectiveSchema(asRecord(source.schema) ?? {});
  const shape = typeOf(schema, source.allowFile ?? false);
  const field: FieldInput = { key: source.key, label: clip(source.name, 200) ?? source.key, type: shape.type, required: source.required };
  const description = clip(asText(source.description) ?? asText(schema.description) ?? asText(schema.title), 2000);
  if (description !== undefined) field.description = description;
  if (shape.choices !== undefined) field.choices = shape.choices;
  const fallback = asArray(schema.examples)[0];
  const example = source.example ?? schema.example ?? fallback;
  if (['string', 'number', 'boolean'].includes(typeof example)) {
    const placeholder = clip(String(example), 200);
    if (placeholder !== undefined) field.placeholder = placeholder;
  }
  if (fits(schema.default, shape)) {
    const value = jsonCopy(schema.default, 10_000);
    if (value !== undefined) field.default = value;
  }
  return field;
}
