import type { PackProblem } from '@switchyard/connectors';
import type { PackUser } from './find-pack-users.js';
import type { PackFile } from './pack-file.js';
import type { InstalledPack, PackRegistry } from './pack-registry.js';

/** Who installs or removes (recorded in the audit log); null for the CLI and built-ins. */
export interface PackActor {
  userId: string;
  email: string;
}

export type InstallOutcome =
  | { ok: true; status: 'installed' | 'unchanged' | 'updated'; pack: InstalledPack }
  | { ok: false; code: 'INVALID_PACK'; message: string; problems: PackProblem[] }
  | { ok: false; code: 'VERSION_CONFLICT'; message: string };

export type RemoveOutcome =
  | { ok: true; removed: string[] }
  | { ok: false; code: 'PACK_NOT_FOUND' | 'VERSION_NOT_FOUND'; message: string }
  | { ok: false; code: 'PACK_IN_USE'; message: string; recipes: PackUser[] };

export interface InstallOptions {
  /** Built-ins only: a changed built-in replaces the stored copy of the same version. */
  replaceBuiltIn?: boolean;
}

/** Installing, listing and removing packs, beside the lookups the engine uses. */
export interface PackAdmin {
  /** Validates and stores one version; nothing is written when the manifest has any problem. */
  installPack(raw: unknown, source: string, actor: PackActor | null, options?: InstallOptions): Promise<InstallOutcome>;
  /** Parses (JSON or YAML), validates and stores a manifest read from a file, folder, URL or package. */
  installFile(file: PackFile, actor: PackActor | null): Promise<InstallOutcome>;
  /** Removes a whole pack, or one version, unless a recipe still needs it. */
  removePack(packId: string, version: string | undefined, actor: PackActor | null): Promise<RemoveOutcome>;
  /**
   * Installs (or updates) the packs shipped with the server; throws when one is invalid, which is a build bug.
   * A version the user installed with other content is kept, as a `VERSION_CONFLICT` outcome.
   */
  installBuiltIns(packs: readonly unknown[]): Promise<InstallOutcome[]>;
  /** Every installed pack id with its versions, newest first. */
  listPacks(): Promise<{ id: string; versions: InstalledPack[] }[]>;
  /** Every version of one pack, newest first; empty when it is not installed. */
  versionsOf(packId: string): Promise<InstalledPack[]>;
}

export type ManagedPackRegistry = PackRegistry & PackAdmin;
