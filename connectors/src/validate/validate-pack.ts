import { packManifestSchema, type PackManifest } from '../manifest/pack-manifest-schema.js';
import { looseObject } from './loose.js';
import { normalizePack } from './normalize-pack.js';
import type { PackProblem } from './pack-problem.js';
import { packRules } from './pack-rules.js';
import { zodProblems } from './zod-problems.js';

export type PackValidation = { ok: true; manifest: PackManifest } | { ok: false; problems: PackProblem[] };

/**
 * Checks a parsed manifest against the schema and the rules beyond it, and reports every problem at once
 * (never only the first). A valid manifest comes back normalised: defaults, implied connection fields and
 * `sideEffect` filled in. Nothing is installed here; callers install only on `ok: true`.
 */
export function validatePack(raw: unknown): PackValidation {
  const parsed = packManifestSchema.safeParse(raw, { reportInput: true });
  const object = looseObject(raw);
  const problems = [
    ...(parsed.success ? [] : zodProblems(parsed.error.issues)),
    ...(object === undefined ? [] : packRules.flatMap((rule) => rule(object))),
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: unique(problems) };
  return { ok: true, manifest: normalizePack(parsed.data) };
}

function unique(problems: PackProblem[]): PackProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
