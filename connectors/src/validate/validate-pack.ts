import { packManifestSchema, type PackManifest } from '../manifest/pack-manifest-schema.js';
import { pointer, type PackProblem } from './pack-problem.js';

export type PackValidation = { ok: true; manifest: PackManifest } | { ok: false; problems: PackProblem[] };

/** Checks a parsed manifest against the schema and reports every problem, never only the first. */
export function validatePack(raw: unknown): PackValidation {
  const parsed = packManifestSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: pointer(issue.path), message: issue.message })) };
  }
  return { ok: true, manifest: parsed.data };
}
