import { asRecord, jsonCopy, type JsonRecord } from './json-value.js';
import { JSON_MEDIA } from './media-types.js';
import { effectiveSchema } from './schema-to-field.js';

export interface ResponseOutput {
  /** The success body is a list, or an object around an obvious list of items. */
  isList: boolean;
  sample?: unknown;
}

const ITEM_LIST_NAMES = new Set(['items', 'data', 'results', 'records', 'entries', 'values', 'list', 'rows', 'hits', 'objects', 'elements', 'nodes']);
// Samples are shown in the builder; a megabyte of example data is not a sample.
const MAX_SAMPLE_CHARS = 64_000;

function successResponse(responses: JsonRecord): JsonRecord | undefined {
  const codes = Object.keys(responses).filter((code) => /^2(\d\d|XX)$/i.test(code)).sort();
  return asRecord(responses[codes[0] ?? 'default']);
}

function isArraySchema(schema: JsonRecord): boolean {
  const type = schema.type;
  return type === 'array' || (Array.isArray(type) && type.includes('array')) || (type === undefined && schema.items !== undefined);
}

function looksLikeList(schema: JsonRecord): boolean {
  if (isArraySchema(schema)) return true;
  const arrays = Object.entries(asRecord(schema.properties) ?? {}).filter(([, value]) => isArraySchema(effectiveSchema(asRecord(value) ?? {})));
  return arrays.length === 1 || arrays.some(([name]) => ITEM_LIST_NAMES.has(name.toLowerCase()));
}

function exampleOf(media: JsonRecord, schema: JsonRecord): unknown {
  if (media.example !== undefined) return media.example;
  const first = asRecord(Object.values(asRecord(media.examples) ?? {})[0]);
  if (first?.value !== undefined) return first.value;
  return schema.example;
}

/** What the operation's success response says about the action: list or not, and an example output. */
export function responseToOutput(operation: JsonRecord): ResponseOutput {
  const response = successResponse(asRecord(operation.responses) ?? {});
  const content = asRecord(response?.content) ?? {};
  const mediaType = Object.keys(content).find((type) => JSON_MEDIA.test(type));
  const media = mediaType === undefined ? undefined : asRecord(content[mediaType]);
  if (media === undefined) return { isList: false };
  const schema = effectiveSchema(asRecord(media.schema) ?? {});
  const sample = jsonCopy(exampleOf(media, schema), MAX_SAMPLE_CHARS);
  return { isList: looksLikeList(schema), ...(sample === undefined ? {} : { sample }) };
}
