import type { PackManifestInput } from '../manifest/pack-manifest-schema.js';
import type { PackProblem } from '../validate/pack-problem.js';

export interface OpenApiToPackOptions {
  /** Pack id; default: the slugified `info.title`. */
  id?: string;
  /** Name of the file the spec came from, used in messages and to pick JSON or YAML for text. */
  fileName?: string;
}

export type OpenApiToPackResult =
  | { ok: true; manifest: PackManifestInput; warnings: string[] }
  | { ok: false; problems: PackProblem[] };

/** Turns an OpenAPI 3.0 or 3.1 document (object, JSON or YAML text) into a pack manifest; never throws. */
export async function openApiToPack(spec: unknown, options: OpenApiToPackOptions = {}): Promise<OpenApiToPackResult> {
  await Promise.resolve();
  void spec;
  void options;
  return { ok: false, problems: [{ path: '', message: 'OpenAPI conversion is not available yet' }] };
}
