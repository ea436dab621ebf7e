import { parse as parseYaml } from 'yaml';
import type { PackProblem } from '../validate/pack-problem.js';
import { asRecord, type JsonRecord } from './json-value.js';

export type OpenApiRead = { ok: true; document: JsonRecord; version: string } | { ok: false; problems: PackProblem[] };

// Specs are documents, not data dumps; past this size the input is refused before parsing.
const MAX_TEXT_CHARS = 50_000_000;

function parseText(text: string, fileName: string | undefined): { value: unknown } | { problem: PackProblem } {
  if (text.length > MAX_TEXT_CHARS) return { problem: { path: '', message: `the document is larger than ${MAX_TEXT_CHARS} characters` } };
  const trimmed = text.trim();
  if (trimmed === '') return { problem: { path: '', message: 'the document is empty' } };
  const looksJson = /\.json$/i.test(fileName ?? '') || trimmed.startsWith('{');
  if (looksJson) {
    try {
      return { value: JSON.parse(trimmed) as unknown };
    } catch {
      // JSON is YAML too; the YAML parser gives a line and column for the error.
    }
  }
  try {
    return { value: parseYaml(text, { maxAliasCount: 1000, uniqueKeys: false }) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { problem: { path: '', message: `the document is neither JSON nor YAML: ${reason}` } };
  }
}

function plainCopy(value: unknown): { value: unknown } | { problem: PackProblem } {
  try {
    return { value: structuredClone(value) };
  } catch {
    return { problem: { path: '', message: 'the document is not plain data (it holds functions or other values JSON cannot carry)' } };
  }
}

/**
 * Accepts an OpenAPI 3.0 or 3.1 document as an object or JSON/YAML text and returns a private copy (the
 * dereferencer mutates it). Refuses anything else with a sentence saying what it is instead.
 */
export function readOpenApiDocument(spec: unknown, fileName?: string): OpenApiRead {
  const input = spec instanceof Uint8Array ? new TextDecoder().decode(spec) : spec;
  const read = typeof input === 'string' ? parseText(input, fileName) : plainCopy(input);
  if ('problem' in read) return { ok: false, problems: [read.problem] };
  const document = asRecord(read.value);
  if (document === undefined) return { ok: false, problems: [{ path: '', message: 'not an OpenAPI document: expected an object at the top level' }] };
  if (document.swagger !== undefined) {
    return {
      ok: false,
      problems: [{ path: '/swagger', message: `this is a Swagger ${String(document.swagger)} document; convert it to OpenAPI 3 first (for example with swagger2openapi)` }],
    };
  }
  if (document.openapi === undefined) return { ok: false, problems: [{ path: '/openapi', message: 'not an OpenAPI document: missing `openapi`' }] };
  const version = String(document.openapi);
  if (!/^3\.[0-2](\.\d+)?(-.+)?$/.test(version)) {
    return { ok: false, problems: [{ path: '/openapi', message: `OpenAPI version ${version} is not supported; only 3.0 and 3.1 are` }] };
  }
  const problems: PackProblem[] = [];
  if (document.info !== undefined && asRecord(document.info) === undefined) problems.push({ path: '/info', message: '`info` must be an object' });
  const paths = asRecord(document.paths);
  if (paths === undefined || Object.keys(paths).length === 0) {
    const onlyWebhooks = asRecord(document.webhooks) !== undefined ? ' (only webhooks, which are calls the API makes, not actions)' : '';
    problems.push({ path: '/paths', message: `no paths: the document describes no operations to turn into actions${onlyWebhooks}` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document, version };
}
