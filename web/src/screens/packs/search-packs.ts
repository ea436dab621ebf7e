import type { PackSummary } from '@switchyard/server/contracts';
import { authLabels } from './auth-labels';

export type PackOrigin = 'all' | 'built-in' | 'imported';

/** The words a pack is found by: its name, id, description, how it signs in, and its operations. */
function searchText(pack: PackSummary): string {
  return [pack.name, pack.id, pack.description ?? '', authLabels[pack.auth] ?? pack.auth, pack.pasteToken ?? '', ...pack.actionNames, ...pack.triggerNames]
    .join('\n')
    .toLowerCase();
}

/**
 * The packs matching every word of `query` (anywhere: "stripe refund", "slack message"), from the chosen
 * origin, sorted by name.
 */
export function searchPacks(packs: readonly PackSummary[], query: string, origin: PackOrigin): PackSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  return packs
    .filter((pack) => origin === 'all' || pack.builtIn === (origin === 'built-in'))
    .filter((pack) => {
      const text = searchText(pack);
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
