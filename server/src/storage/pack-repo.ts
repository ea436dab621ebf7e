import semver from 'semver';
import type { Db } from './database.js';
import type { PackVersionRow } from './tables.js';

/** A version without its manifest: enough to list packs and pick versions. */
export type PackVersionHead = Omit<PackVersionRow, 'manifest'>;

const headColumns = ['pack_id', 'version', 'major', 'digest', 'source', 'installed_at', 'installed_by'] as const;

/**
 * Installed pack versions (every one is kept). Semantic-version order is not SQL order ("1.10.0" < "1.9.0"
 * as text), so the newest is picked with semver; lists come in install order.
 */
export const packRepo = {
  /** Inserts unless the version exists; says whether it did. The caller compares digests on a clash. */
  async insertVersion(ex: Db, row: PackVersionRow): Promise<boolean> {
    const result = await ex
      .insertInto('pack_versions')
      .values(row)
      .onConflict((oc) => oc.columns(['pack_id', 'version']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  },

  /** Every installed version of every pack (or of one), without manifests. */
  heads(ex: Db, packId?: string): Promise<PackVersionHead[]> {
    let query = ex.selectFrom('pack_versions').select(headColumns);
    if (packId !== undefined) query = query.where('pack_id', '=', packId);
    return query.orderBy('pack_id').orderBy('installed_at').execute();
  },

  /** Overwrites a version in place (built-in packs only: their code is the source of truth). */
  async replaceVersion(ex: Db, row: PackVersionRow): Promise<void> {
    const { pack_id, version, ...rest } = row;
    await ex.updateTable('pack_versions').set(rest).where('pack_id', '=', pack_id).where('version', '=', version).execute();
  },

  /** Every version of one pack (with manifests), optionally only one major. */
  versions(ex: Db, packId: string, major?: number): Promise<PackVersionRow[]> {
    let query = ex.selectFrom('pack_versions').selectAll().where('pack_id', '=', packId);
    if (major !== undefined) query = query.where('major', '=', major);
    return query.orderBy('installed_at').execute();
  },

  version(ex: Db, packId: string, version: string): Promise<PackVersionRow | undefined> {
    return ex.selectFrom('pack_versions').selectAll().where('pack_id', '=', packId).where('version', '=', version).executeTakeFirst();
  },

  /** The highest version within one major (semver order), if any is installed. */
  async newestInMajor(ex: Db, packId: string, major: number): Promise<PackVersionRow | undefined> {
    const rows = await packRepo.versions(ex, packId, major);
    return rows.sort((a, b) => semver.rcompare(a.version, b.version))[0];
  },

  async deleteVersion(ex: Db, packId: string, version: string): Promise<boolean> {
    const result = await ex.deleteFrom('pack_versions').where('pack_id', '=', packId).where('version', '=', version).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** Removes every version; answers how many there were. */
  async deletePack(ex: Db, packId: string): Promise<number> {
    const result = await ex.deleteFrom('pack_versions').where('pack_id', '=', packId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
