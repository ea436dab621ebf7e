import { hasPill } from '../pills/template-segments';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'email'
  | 'url'
  | 'select'
  | 'multiselect'
  | 'json'
  | 'code'
  | 'keyValue'
  | 'conditions'
  | 'paths'
  /** A `core/http` body (JSON, form or raw text): edits the whole input, as its kind picks one key of three. */
  | 'httpBody'
  /** Email attachments: a list of file values from earlier steps (pills) or text saved as a file. */
  | 'attachments';

export interface Choice {
  label: string;
  value: string | number | boolean;
}

/** One control of a generated form. */
export interface FormField {
  /**
   * Where the value lives in the step's `input`: a key, a dotted path for nested objects (`for.minutes`),
   * or `''` for the whole input (a filter's conditions).
   */
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  placeholder?: string;
  choices?: Choice[];
  /** Choices fetched from the vendor through the choices route, given these other fields. */
  dynamic?: { dependsOn: string[] };
  default?: unknown;
  /** Folded under "Advanced": a pack field almost nobody changes. */
  advanced?: boolean;
  /** For a whole-input field (key `''`) that edits only some input keys: those keys, whose problems it shows. */
  covers?: string[];
  /** A check of the value beyond the kind's own (run first; given the whole input for checks across fields). */
  check?: (value: unknown, input: Json | undefined) => string | undefined;
}

/** A pack field as the manifest declares it (connectors' field-schema), read defensively from JSON. */
export interface PackField {
  key: string;
  label: string;
  type: string;
  description?: string;
  placeholder?: string;
  required: boolean;
  default?: unknown;
  choices: Choice[];
  dynamic: boolean;
  dependsOn?: string[];
  advanced?: boolean;
}

const packKinds: Record<string, FieldKind> = {
  string: 'text',
  text: 'textarea',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  email: 'email',
  url: 'url',
  select: 'select',
  multiselect: 'multiselect',
  json: 'json',
  // A file field takes a URL or a template naming one (a file from an earlier step).
  file: 'url',
};

/** The form for a pack action's or trigger's input fields. */
export function packFormFields(fields: PackField[]): FormField[] {
  return fields.map((field) => ({
    key: field.key,
    label: field.label,
    kind: packKinds[field.type] ?? 'text',
    required: field.required,
    ...(field.description !== undefined && { description: field.description }),
    ...(field.placeholder !== undefined && { placeholder: field.placeholder }),
    ...(field.choices.length > 0 && { choices: field.choices }),
    ...(field.dynamic && { dynamic: { dependsOn: field.dependsOn ?? [] } }),
    ...(field.default !== undefined && { default: field.default }),
    ...(field.advanced === true && { advanced: true }),
  }));
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field's value in an input object (`''` is the whole input). */
export function readField(input: Json | undefined, key: string): unknown {
  if (key === '') return input;
  let value: unknown = input;
  for (const part of key.split('.')) value = isObject(value) ? value[part] : undefined;
  return value;
}

/** A copy of the input with one field set; `undefined` removes it, and objects it leaves empty. */
export function writeField(input: Json | undefined, key: string, value: unknown): Json {
  if (key === '') return isObject(value) ? value : {};
  const [head, ...rest] = key.split('.') as [string, ...string[]];
  const next: Json = { ...(input ?? {}) };
  const child = rest.length === 0 ? value : writeField(isObject(next[head]) ? next[head] : undefined, rest.join('.'), value);
  if (child === undefined || (rest.length > 0 && isObject(child) && Object.keys(child).length === 0)) delete next[head];
  else next[head] = child;
  return next;
}

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** A value the user wrote as a template is only known when the step runs; it is not checked here. */
const isTemplate = (value: unknown): boolean => typeof value === 'string' && hasPill(value);

function problemOf(field: FormField, value: unknown, input: Json | undefined): string | undefined {
  const checked = field.check?.(value, input);
  if (checked !== undefined) return checked;
  // A required field with a default is filled by the step itself (an HTTP step's method is GET unless chosen).
  if (isBlank(value)) return field.required && field.default === undefined ? `${field.label} is required` : undefined;
  if (isTemplate(value)) return undefined;
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) return `${field.label} must be a number`;
      if (field.kind === 'integer' && !Number.isInteger(number)) return `${field.label} must be a whole number`;
      return undefined;
    }
    case 'email':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : `${field.label} must be an email address`;
    case 'url':
      return typeof value === 'string' && /^https?:\/\/[^\s/]+/i.test(value) ? undefined : `${field.label} must be an http(s) URL`;
    case 'select':
      return field.choices && !field.dynamic && !field.choices.some((choice) => choice.value === value) ? `${field.label}: choose one of the options` : undefined;
    default:
      return undefined;
  }
}

/** Messages by field key for what is wrong before the server is asked: missing required values, malformed ones. */
export function validateForm(fields: FormField[], input: Json | undefined): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    if (field.kind === 'paths' || field.kind === 'conditions' || field.kind === 'httpBody') continue;
    const problem = problemOf(field, readField(input, field.key), input);
    if (problem !== undefined) problems[field.key] = problem;
  }
  return problems;
}

/**
 * The field a server problem belongs to. Problems name the first key under `input` (`for` for
 * `/input/for/minutes`), so a nested field matches by its first segment; the whole-input field takes the rest.
 */
export function fieldForProblem(fields: FormField[], problemField: string | undefined): string | undefined {
  if (problemField === undefined) return undefined;
  const exact = fields.find((field) => field.key === problemField || field.key.split('.')[0] === problemField || field.covers?.includes(problemField));
  if (exact) return exact.key;
  return fields.find((field) => field.key === '' && field.covers === undefined)?.key;
}
