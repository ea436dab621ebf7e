import { parsePackText, validatePack, type PackManifest, type PackValidation } from '@switchyard/connectors';
import semver from 'semver';
import { auditRepo } from '../storage/audit-repo.js';
import type { Database, Trx } from '../storage/database.js';
import { packRepo } from '../storage/pack-repo.js';
import type { PackVersionRow } from '../storage/tables.js';
import { findPackUsers } from './find-pack-users.js';
import type { InstallOptions, InstallOutcome, ManagedPackRegistry, PackActor, RemoveOutcome } from './pack-admin.js';
import { packDigest } from './pack-digest.js';
import type { InstalledPack } from './pack-registry.js';
import { parseUse } from './parse-use.js';

export interface PackRegistryDeps {
  database: Database;
  now(): number;
  /** How long a cached pack is trusted before it is read again (another process may have changed it). */
  cacheMs?: number;
}

interface Cached {
  /** Newest first. */
  versions: InstalledPack[];
  loadedAt: number;
}

function installedFrom(row: PackVersionRow): InstalledPack {
  return { manifest: JSON.parse(row.manifest) as PackManifest, version: row.version, major: row.major };
}

function problemSummary(problems: { path: string; message: string }[]): string {
  const first = problems[0]!;
  return `the pack is invalid: ${first.path || '/'}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
}

/**
 * The runtime catalogue of installed packs (DESIGN §2, §6). Lookups read an in-process cache; a miss, or an
 * entry older than `cacheMs`, reads the database, so a pack installed by another process is found.
 */
export function createPackRegistry(deps: PackRegistryDeps): ManagedPackRegistry & { dropCache(): void } {
  const { database, now } = deps;
  const cacheMs = deps.cacheMs ?? 30_000;
  const cache = new Map<string, Cached>();

  const load = async (packId: string): Promise<InstalledPack[]> => {
    const rows = await packRepo.versions(database.db, packId);
    const versions = rows.map(installedFrom).sort((a, b) => semver.rcompare(a.version, b.version));
    if (versions.length > 0) cache.set(packId, { versions, loadedAt: now() });
    else cache.delete(packId);
    return versions;
  };

  /** Picks from the cached versions; on a miss there, once more from freshly read ones. */
  const lookup = async <T>(packId: string, pick: (versions: InstalledPack[]) => T | undefined): Promise<T | undefined> => {
    const cached = cache.get(packId);
    if (cached && now() - cached.loadedAt < cacheMs) {
      const found = pick(cached.versions);
      if (found !== undefined) return found;
    }
    return pick(await load(packId));
  };

  const newestOf = (versions: InstalledPack[], major: number | undefined) => versions.find((v) => major === undefined || v.major === major);

  const resolve = <T>(use: string, find: (manifest: PackManifest, key: string) => T | undefined) => {
    const parsed = parseUse(use);
    if (!parsed) return Promise.resolve(undefined);
    return lookup(parsed.packId, (versions) => {
      const pack = newestOf(versions, parsed.major);
      const item = pack && find(pack.manifest, parsed.key);
      return pack && item ? { pack, item } : undefined;
    });
  };

  const record = (trx: Trx, actor: PackActor | null, action: 'pack.install' | 'pack.remove', packId: string, details: Record<string, string>) =>
    auditRepo.record(trx, { actor, action, targetId: packId, details }, now());

  const install = async (check: PackValidation, source: string, actor: PackActor | null, options: InstallOptions = {}): Promise<InstallOutcome> => {
    if (!check.ok) return { ok: false, code: 'INVALID_PACK', message: problemSummary(check.problems), problems: check.problems };
    const { manifest } = check;
    const row: PackVersionRow = {
      pack_id: manifest.id,
      version: manifest.version,
      major: semver.major(manifest.version),
      manifest: JSON.stringify(manifest),
      digest: packDigest(manifest),
      source,
      installed_at: now(),
      installed_by: actor?.userId ?? null,
    };
    // Built-ins arrive with the server's own build: nobody changed anything an audit should show.
    const audited = source !== 'built-in';
    const status = await database.write(async (trx) => {
      const details = { version: row.version, source, digest: row.digest };
      if (await packRepo.insertVersion(trx, row)) {
        if (audited) await record(trx, actor, 'pack.install', row.pack_id, details);
        return 'installed' as const;
      }
      const existing = (await packRepo.version(trx, row.pack_id, row.version))!;
      if (existing.digest === row.digest) return 'unchanged' as const;
      if (!options.replaceBuiltIn || existing.source !== 'built-in') return 'conflict' as const;
      await packRepo.replaceVersion(trx, row);
      if (audited) await record(trx, actor, 'pack.install', row.pack_id, { ...details, replaced: existing.digest });
      return 'updated' as const;
    });
    cache.delete(manifest.id);
    if (status === 'conflict') {
      const message = `${manifest.id} ${manifest.version} is already installed with different content; give the new content a new version`;
      return { ok: false, code: 'VERSION_CONFLICT', message };
    }
    return { ok: true, status, pack: { manifest, version: row.version, major: row.major } };
  };

  const removePack = async (packId: string, version: string | undefined, actor: PackActor | null): Promise<RemoveOutcome> => {
    const outcome = await database.write(async (trx): Promise<RemoveOutcome> => {
      const heads = await packRepo.heads(trx, packId);
      if (heads.length === 0) return { ok: false, code: 'PACK_NOT_FOUND', message: `no pack ${packId} is installed` };
      const target = version === undefined ? undefined : heads.find((head) => head.version === version);
      if (version !== undefined && !target) return { ok: false, code: 'VERSION_NOT_FOUND', message: `${packId} has no version ${version}` };
      // Removing one version takes nothing away while its major has another version to resolve to.
      const lastOfMajor = target && !heads.some((head) => head.major === target.major && head.version !== target.version);
      if (!target || lastOfMajor) {
        const newestMajor = Math.max(...heads.map((head) => head.major));
        const scope = target ? { major: target.major, unpinnedToo: target.major === newestMajor } : undefined;
        const recipes = await findPackUsers(trx, packId, scope);
        if (recipes.length > 0) {
          const what = target ? `${packId} ${target.major}.x` : packId;
          return { ok: false, code: 'PACK_IN_USE', message: `${what} is used by ${recipes.map((r) => `"${r.name}"`).join(', ')}`, recipes };
        }
      }
      if (target) await packRepo.deleteVersion(trx, packId, target.version);
      else await packRepo.deletePack(trx, packId);
      const removed = target ? [target.version] : heads.map((head) => head.version);
      await record(trx, actor, 'pack.remove', packId, { versions: removed.join(', ') });
      return { ok: true, removed };
    });
    cache.delete(packId);
    return outcome;
  };

  return {
    action: async (use) => {
      const found = await resolve(use, (manifest, key) => manifest.actions.find((action) => action.key === key));
      return found && { ...found.pack, action: found.item };
    },
    trigger: async (use) => {
      const found = await resolve(use, (manifest, key) => manifest.triggers.find((trigger) => trigger.key === key));
      return found && { ...found.pack, trigger: found.item };
    },
    pack: (packId, major) => lookup(packId, (versions) => newestOf(versions, major)),
    installPack: (raw, source, actor, options) => install(validatePack(raw), source, actor, options),
    installFile: (file, actor) => install(parsePackText(file.text, file.fileName), file.source, actor),
    removePack,
    async installBuiltIns(packs) {
      const outcomes: InstallOutcome[] = [];
      for (const pack of packs) {
        const outcome = await install(validatePack(pack), 'built-in', null, { replaceBuiltIn: true });
        // A user's own pack under a built-in's id and version (an edited export) wins; the caller warns.
        if (!outcome.ok && outcome.code !== 'VERSION_CONFLICT') throw new Error(`built-in pack ${(pack as { id?: string }).id ?? '?'} cannot be installed: ${outcome.message}`);
        outcomes.push(outcome);
      }
      return outcomes;
    },
    async listPacks() {
      const ids = [...new Set((await packRepo.heads(database.db)).map((head) => head.pack_id))];
      const packs = [];
      for (const id of ids) {
        const versions = await lookup(id, (found) => (found.length > 0 ? found : undefined));
        if (versions) packs.push({ id, versions });
      }
      return packs;
    },
    versionsOf: async (packId) => (await lookup(packId, (found) => (found.length > 0 ? found : undefined))) ?? [],
    /** Another process changed the packs (PostgreSQL told us): the next lookups read the database. */
    dropCache: () => cache.clear(),
  };
}
