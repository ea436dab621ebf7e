import type { PackManifestInput } from '../manifest/pack-manifest-schema.js';
import type { PackProblem } from '../validate/pack-problem.js';
import type { ActionInput } from './action-input.js';
import { collectOperations } from './collect-operations.js';
import { dereferenceDocument } from './dereference-document.js';
import { dropInvalidActions } from './drop-invalid-actions.js';
import { findExternalRefs } from './find-external-refs.js';
import { asRecord, type JsonRecord } from './json-value.js';
import { KeyAllocator } from './key-allocator.js';
import { operationToAction } from './operation-to-action.js';
import { packInfo } from './pack-info.js';
import { readOpenApiDocument } from './read-openapi-document.js';
import { securityToAuth, type AuthInput } from './security-to-auth.js';
import { serversToBaseUrl } from './servers-to-base-url.js';
import { WarningList } from './warning-list.js';

export interface OpenApiToPackOptions {
  /** Pack id; default: the slugified `info.title`. */
  id?: string;
  /** Name of the file the spec came from: picks JSON or YAML for text, and names the pack when `info` has no title. */
  fileName?: string;
}

export type OpenApiToPackResult =
  | { ok: true; manifest: PackManifestInput; warnings: string[] }
  | { ok: false; problems: PackProblem[] };

/** More actions than this make a pack nobody can browse; the rest are reported, not converted. */
export const MAX_OPERATIONS = 2000;

/** A GET without required input, so saving a connection can check the credentials against the API. */
function testRequest(actions: ActionInput[]): ActionInput['request'] | undefined {
  const candidate = actions.find((action) => action.request.method === 'GET' && !(action.input ?? []).some((field) => field.required === true));
  return candidate === undefined ? undefined : { method: 'GET', path: candidate.request.path };
}

/** The connection's fields (server variables, base URL) joined to the auth; a pack without auth but with fields uses `custom`. */
function withConnectionFields(auth: AuthInput, fields: NonNullable<Extract<AuthInput, { kind: 'custom' }>['fields']>, test: ActionInput['request'] | undefined): AuthInput {
  if (auth.kind === 'none') return fields.length === 0 ? auth : { kind: 'custom', fields };
  return { ...auth, fields: [...fields, ...(auth.fields ?? [])], ...(test === undefined ? {} : { test }) };
}

async function convert(spec: unknown, options: OpenApiToPackOptions): Promise<OpenApiToPackResult> {
  const read = readOpenApiDocument(spec, options.fileName);
  if (!read.ok) return read;
  const external = findExternalRefs(read.document);
  if (external.length > 0) return { ok: false, problems: external };
  const dereferenced = await dereferenceDocument(read.document);
  if (!dereferenced.ok) return dereferenced;
  const document: JsonRecord = read.document;
  const warnings = new WarningList();
  if (read.version.startsWith('3.2')) warnings.add(`OpenAPI ${read.version} is read as 3.1; newer features are ignored`);
  const operations = collectOperations(asRecord(document.paths) ?? {}, MAX_OPERATIONS, warnings);
  if (operations.length === 0) return { ok: false, problems: [{ path: '/paths', message: 'no paths hold an operation (get, post, put, patch, delete or head)' }] };
  const connectionKeys = new KeyAllocator('_');
  const server = serversToBaseUrl(document, connectionKeys, warnings);
  const actionKeys = new KeyAllocator('-');
  const actions = operations.map((operation) => operationToAction(operation, actionKeys, warnings));
  const auth = securityToAuth(document, operations.map((item) => item.operation), server.baseUrl, connectionKeys, warnings);
  const manifest: PackManifestInput = {
    ...packInfo(document, options),
    engine: '^1.0.0',
    baseUrl: server.baseUrl,
    auth: withConnectionFields(auth, server.fields, testRequest(actions)),
    actions,
  };
  const { manifest: kept, validation } = dropInvalidActions(manifest, warnings);
  if (!validation.ok) {
    const explain = (problem: PackProblem): string =>
      problem.path === '/id' && options.id !== undefined ? `${problem.message} (the id option gave "${options.id}")` : `the generated pack is invalid: ${problem.message}`;
    return { ok: false, problems: validation.problems.map((problem) => ({ path: problem.path, message: explain(problem) })) };
  }
  return { ok: true, manifest: kept, warnings: warnings.list() };
}

/** Turns an OpenAPI 3.0 or 3.1 document (object, JSON or YAML text) into a pack manifest; never throws. */
export async function openApiToPack(spec: unknown, options: OpenApiToPackOptions = {}): Promise<OpenApiToPackResult> {
  try {
    return await convert(spec, options);
  } catch (error) {
    // A bug here must still reach the user as a sentence, not a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '', message: `could not convert the document: ${reason}` }] };
  }
}
