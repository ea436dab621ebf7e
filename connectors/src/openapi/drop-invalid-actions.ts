import type { PackManifestInput } from '../manifest/pack-manifest-schema.js';
import { validatePack, type PackValidation } from '../validate/validate-pack.js';
import type { WarningList } from './warning-list.js';

/**
 * Validates the generated pack; when only some actions are refused (an operation the mapping could not
 * express within the pack format), those are left out with a warning each and the rest is validated again,
 * so one odd operation does not cost the whole pack. Pack-level problems are returned as they are.
 */
export function dropInvalidActions(manifest: PackManifestInput, warnings: WarningList): { manifest: PackManifestInput; validation: PackValidation } {
  const first = validatePack(manifest);
  if (first.ok) return { manifest, validation: first };
  const refused = new Map<number, string>();
  for (const problem of first.problems) {
    const index = /^\/actions\/(\d+)(?:\/|$)/.exec(problem.path)?.[1];
    if (index === undefined) return { manifest, validation: first };
    if (!refused.has(Number(index))) refused.set(Number(index), `${problem.path.replace(/^\/actions\/\d+/, '')} ${problem.message}`.trim());
  }
  const actions = manifest.actions ?? [];
  if (refused.size >= actions.length) return { manifest, validation: first };
  for (const [index, reason] of refused) warnings.add(`action ${actions[index]?.key ?? index} is left out: ${reason}`);
  const kept = { ...manifest, actions: actions.filter((_, index) => !refused.has(index)) };
  return { manifest: kept, validation: validatePack(kept) };
}
