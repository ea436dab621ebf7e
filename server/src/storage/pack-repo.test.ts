import { describe, expect, it } from 'vitest';
import { packRepo } from './pack-repo.js';
import type { PackVersionRow } from './tables.js';
import { dialects, useMigratedDatabase } from './test-databases.js';

const row = (packId: string, version: string, at: number, digest = `d-${version}`): PackVersionRow => ({
  pack_id: packId,
  version,
  major: Number(version.split('.')[0]),
  manifest: JSON.stringify({ id: packId, version }),
  digest,
  source: 'upload',
  installed_at: at,
  installed_by: null,
});

describe.each(dialects)('packRepo on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('inserts a version once; a second insert of the same version changes nothing', async () => {
    expect(await database.write((trx) => packRepo.insertVersion(trx, row('acme', '1.0.0', 1)))).toBe(true);
    expect(await database.write((trx) => packRepo.insertVersion(trx, row('acme', '1.0.0', 2, 'other')))).toBe(false);
    const stored = await packRepo.version(database.db, 'acme', '1.0.0');
    expect(stored).toMatchObject({ digest: 'd-1.0.0', installed_at: 1, major: 1 });
    expect(await packRepo.version(database.db, 'acme', '9.9.9')).toBeUndefined();
  });

  it('lists heads of every pack without manifests, and versions per pack and major', async () => {
    await database.write(async (trx) => {
      for (const [version, at] of [['1.2.0', 10], ['1.10.0', 11], ['1.9.0', 12], ['2.0.0', 13]] as const) {
        await packRepo.insertVersion(trx, row('heads', version, at));
      }
      await packRepo.insertVersion(trx, row('other', '0.1.0', 14));
    });
    const heads = (await packRepo.heads(database.db)).filter((h) => h.pack_id !== 'acme');
    expect(heads.map((h) => `${h.pack_id}@${h.version}`)).toEqual(['heads@1.2.0', 'heads@1.10.0', 'heads@1.9.0', 'heads@2.0.0', 'other@0.1.0']);
    expect(heads[0]).not.toHaveProperty('manifest');
    expect((await packRepo.versions(database.db, 'heads', 1)).map((r) => r.version)).toEqual(['1.2.0', '1.10.0', '1.9.0']);
    expect((await packRepo.versions(database.db, 'heads')).length).toBe(4);
    expect((await packRepo.heads(database.db, 'other')).map((h) => h.version)).toEqual(['0.1.0']);
  });

  it('replaces a version in place', async () => {
    await database.write((trx) => packRepo.insertVersion(trx, row('built', '1.0.0', 1)));
    await database.write((trx) => packRepo.replaceVersion(trx, { ...row('built', '1.0.0', 5, 'new'), source: 'built-in' }));
    expect(await packRepo.version(database.db, 'built', '1.0.0')).toMatchObject({ digest: 'new', installed_at: 5, source: 'built-in' });
  });

  it('finds the newest version of a major in semver order, not text order', async () => {
    expect((await packRepo.newestInMajor(database.db, 'heads', 1))?.version).toBe('1.10.0');
    expect((await packRepo.newestInMajor(database.db, 'heads', 2))?.version).toBe('2.0.0');
    expect(await packRepo.newestInMajor(database.db, 'heads', 3)).toBeUndefined();
  });

  it('deletes one version or a whole pack', async () => {
    expect(await database.write((trx) => packRepo.deleteVersion(trx, 'heads', '2.0.0'))).toBe(true);
    expect(await database.write((trx) => packRepo.deleteVersion(trx, 'heads', '2.0.0'))).toBe(false);
    expect(await database.write((trx) => packRepo.deletePack(trx, 'heads'))).toBe(3);
    expect(await packRepo.versions(database.db, 'heads')).toEqual([]);
    expect((await packRepo.versions(database.db, 'other')).length).toBe(1);
  });
});
