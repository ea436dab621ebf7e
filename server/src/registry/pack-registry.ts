import type { Action, PackManifest, PackTrigger } from '@switchyard/connectors';

/** One installed pack version as the runtime sees it. */
export interface InstalledPack {
  manifest: PackManifest;
  version: string;
  major: number;
}

export interface ResolvedAction extends InstalledPack {
  action: Action;
}

export interface ResolvedTrigger extends InstalledPack {
  trigger: PackTrigger;
}

/**
 * The runtime catalogue of installed packs (DESIGN §2 `registry/`). `use` is `pack/key@major` (what a saved
 * recipe holds) or `pack/key` (newest installed major). Lookups read an in-process cache that is refreshed
 * from the database on a miss, so a pack installed by another process is found.
 */
export interface PackRegistry {
  action(use: string): Promise<ResolvedAction | undefined>;
  trigger(use: string): Promise<ResolvedTrigger | undefined>;
  /** Newest installed version of a pack, within `major` when given. */
  pack(packId: string, major?: number): Promise<InstalledPack | undefined>;
}
