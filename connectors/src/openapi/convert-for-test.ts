import { expect } from 'vitest';
import type { PackManifestInput } from '../manifest/pack-manifest-schema.js';
import { validatePack } from '../validate/validate-pack.js';
import { openApiToPack, type OpenApiToPackOptions } from './openapi-to-pack.js';

/** Test support: a small OpenAPI 3.0 document with one operation, extended by `extra`. */
export function minimalSpec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Example API', version: '2.1' },
    servers: [{ url: 'https://api.example.com/v1' }],
    paths: { '/ping': { get: { operationId: 'ping', responses: { 200: { description: 'ok' } } } } },
    ...extra,
  };
}

/** Test support: converts, asserts the result passed validatePack, and returns it. */
export async function convertValid(spec: unknown, options?: OpenApiToPackOptions): Promise<{ manifest: PackManifestInput; warnings: string[] }> {
  const result = await openApiToPack(spec, options);
  if (!result.ok) throw new Error(`conversion failed: ${JSON.stringify(result.problems)}`);
  const validation = validatePack(result.manifest);
  expect(validation.ok ? [] : validation.problems).toEqual([]);
  return result;
}

/** Test support: converts and returns the problems, failing the test if conversion succeeded. */
export async function convertProblems(spec: unknown, options?: OpenApiToPackOptions): Promise<{ path: string; message: string }[]> {
  const result = await openApiToPack(spec, options);
  if (result.ok) throw new Error('conversion unexpectedly succeeded');
  return result.problems;
}
