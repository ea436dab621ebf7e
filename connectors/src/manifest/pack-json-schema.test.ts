import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packJsonSchema, packJsonSchemaText } from './pack-json-schema.js';

describe('pack.schema.json', () => {
  it('is up to date with the zod schema (run: pnpm --filter @switchyard/connectors schema)', () => {
    const committed = readFileSync(new URL('../../pack.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(packJsonSchemaText());
  });

  it('describes the author side: defaults are optional', () => {
    const manifest = (packJsonSchema().$defs as Record<string, { required: string[] }>).PackManifest;
    expect(manifest?.required).toEqual(expect.arrayContaining(['id', 'name', 'version', 'engine', 'baseUrl', 'auth']));
    expect(manifest?.required).not.toContain('actions');
  });
});
