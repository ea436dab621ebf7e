import { z } from 'zod';
import { packManifestSchema } from './pack-manifest-schema.js';

/**
 * The manifest as JSON Schema (what an author writes: defaults optional), for editors and other tools.
 * Refinements (engine range, SVG safety, one body per request) are the validator's; JSON Schema cannot say them.
 */
export function packJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(packManifestSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
}

/** The committed `connectors/pack.schema.json` is exactly this text. */
export function packJsonSchemaText(): string {
  return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}
