import type { FieldInput } from '../manifest/field-schema.js';
import type { RequestTemplate } from '../manifest/request-template-schema.js';
import { asArray, asRecord, type JsonRecord } from './json-value.js';
import type { KeyAllocator } from './key-allocator.js';
import { FORM_MEDIA, JSON_MEDIA, MULTIPART_MEDIA, PLAIN_JSON_MEDIA } from './media-types.js';
import { toFieldKey } from './names.js';
import { effectiveSchema, schemaToField } from './schema-to-field.js';
import type { WarningList } from './warning-list.js';

type Body = Pick<RequestTemplate, 'json' | 'form' | 'multipart'>;

export interface BodyInput {
  fields: FieldInput[];
  body: Body;
  /** A JSON media type other than plain `application/json` is sent as declared. */
  contentType?: string;
}

// A body with more top-level properties than this is one JSON field: a form that long helps nobody.
const MAX_BODY_FIELDS = 100;

/** Properties merged from `allOf` branches, one level deep (enough for `allOf: [Base, {properties}]`). */
function objectShape(schema: JsonRecord): { properties: [string, unknown][]; required: Set<string> } | undefined {
  const parts = [schema, ...asArray(schema.allOf).map(asRecord).filter((part): part is JsonRecord => part !== undefined)];
  const properties = new Map<string, unknown>();
  const required = new Set<string>();
  for (const part of parts) {
    for (const [name, value] of Object.entries(asRecord(part.properties) ?? {})) properties.set(name, value);
    for (const name of asArray(part.required)) if (typeof name === 'string') required.add(name);
  }
  const writable = [...properties].filter(([, value]) => asRecord(value)?.readOnly !== true);
  return writable.length === 0 || writable.length > MAX_BODY_FIELDS ? undefined : { properties: writable, required };
}

function wholeBody(keys: KeyAllocator, schema: unknown, required: boolean, description: unknown): BodyInput {
  const key = keys.take('body');
  const field = { ...schemaToField({ key, name: 'body', schema, required, description }), type: 'json' as const };
  delete field.choices;
  return { fields: [field], body: { json: `{{input.${key}}}` } };
}

/**
 * Fields and a body template for an operation's request body: JSON object properties, form and multipart
 * fields each become a field; anything else is one `json` field holding the whole body.
 */
export function requestBodyToInput(requestBody: unknown, keys: KeyAllocator, warnings: WarningList, where: string): BodyInput | undefined {
  const body = asRecord(requestBody);
  const content = asRecord(body?.content);
  if (body === undefined || content === undefined) return undefined;
  const media = Object.keys(content);
  const chosen = media.find((type) => JSON_MEDIA.test(type)) ?? media.find((type) => FORM_MEDIA.test(type)) ?? media.find((type) => MULTIPART_MEDIA.test(type));
  const bodyRequired = body.required === true;
  if (chosen === undefined) {
    if (media.length === 0) return undefined;
    warnings.add(`${where}: request body ${media.join(', ')} is not supported; it is sent as one JSON value`);
    return wholeBody(keys, asRecord(content[media[0] as string])?.schema, bodyRequired, body.description);
  }
  const schema = asRecord(asRecord(content[chosen])?.schema) ?? {};
  const shape = objectShape(effectiveSchema(schema));
  const contentType = JSON_MEDIA.test(chosen) && !PLAIN_JSON_MEDIA.test(chosen) ? chosen.split(';')[0] : undefined;
  if (shape === undefined) {
    if (!JSON_MEDIA.test(chosen)) warnings.add(`${where}: ${chosen} body without properties is sent as one JSON value`);
    return { ...wholeBody(keys, schema, bodyRequired, body.description), ...(contentType === undefined ? {} : { contentType }) };
  }
  const fields: FieldInput[] = [];
  const parts: Record<string, unknown> = {};
  const isMultipart = MULTIPART_MEDIA.test(chosen);
  for (const [name, property] of shape.properties) {
    const key = keys.take(toFieldKey(name));
    const field = schemaToField({ key, name, schema: property, required: shape.required.has(name), allowFile: isMultipart });
    fields.push(field);
    parts[name] = field.type === 'file' ? { file: `{{input.${key}}}` } : `{{input.${key}}}`;
  }
  if (isMultipart) return { fields, body: { multipart: parts as Body['multipart'] } };
  if (FORM_MEDIA.test(chosen)) return { fields, body: { form: parts as Body['form'] } };
  return { fields, body: { json: parts }, ...(contentType === undefined ? {} : { contentType }) };
}
