import { describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { auditRepo } from '../storage/audit-repo.js';
import { packRepo } from '../storage/pack-repo.js';
import { recipeRepo } from '../storage/recipe-repo.js';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { createPackRegistry } from './create-pack-registry.js';
import { samplePack } from './sample-pack.js';

const owner = { userId: 'usr_owner', email: 'owner@example.com' };

describe.each(dialects)('pack registry on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);
  let clock = 1_000;
  const registry = () => createPackRegistry({ database, now: () => clock++ });

  it('installs a valid pack, resolves its actions and triggers, and records who installed it', async () => {
    const packs = registry();
    const outcome = await packs.installPack(samplePack(), 'upload', owner);
    expect(outcome).toMatchObject({ ok: true, status: 'installed', pack: { version: '1.0.0', major: 1 } });
    expect((await packs.action('acme/create-widget'))?.action.name).toBe('Create widget');
    expect((await packs.action('acme/create-widget@1'))?.version).toBe('1.0.0');
    expect(await packs.action('acme/create-widget@2')).toBeUndefined();
    expect(await packs.action('acme/missing')).toBeUndefined();
    expect(await packs.action('not a use')).toBeUndefined();
    expect((await packs.trigger('acme/new-widget'))?.trigger.kind).toBe('poll');
    const audit = await auditRepo.list(database.db, { action: 'pack.install', targetId: 'acme', limit: 5 });
    expect(audit[0]).toMatchObject({ actor_id: 'usr_owner', actor_email: 'owner@example.com' });
  });

  it('refuses a bad manifest with every problem and writes nothing', async () => {
    const packs = registry();
    const bad = { ...samplePack({ id: 'Bad Id', engine: '^9.0.0' }), actions: [{ key: 'x' }] };
    const outcome = await packs.installPack(bad, 'upload', owner);
    if (outcome.ok || outcome.code !== 'INVALID_PACK') throw new Error(`expected INVALID_PACK, got ${JSON.stringify(outcome)}`);
    const paths = outcome.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/id', '/engine', '/actions/0/name', '/actions/0/request']));
    expect(await packRepo.heads(database.db, 'Bad Id')).toEqual([]);
  });

  it('refuses an engine range that excludes this server, even when the rest is valid', async () => {
    const outcome = await registry().installPack(samplePack({ id: 'future', engine: '>=2.0.0' }), 'upload', owner);
    expect(outcome).toMatchObject({ ok: false, code: 'INVALID_PACK', problems: [{ path: '/engine' }] });
    expect(await packRepo.heads(database.db, 'future')).toEqual([]);
  });

  it('treats identical content as a no-op and different content under the same version as a conflict', async () => {
    const packs = registry();
    // Key order and defaults do not matter: the digest is over the validated manifest.
    const { actions, ...rest } = samplePack();
    expect(await packs.installPack({ actions, ...rest }, 'upload', owner)).toMatchObject({ ok: true, status: 'unchanged' });
    const changed = await packs.installPack(samplePack({ name: 'Acme changed' }), 'upload', owner);
    expect(changed).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    expect((await packs.pack('acme'))?.manifest.name).toBe('Acme');
  });

  it('keeps every version; a bare use takes the newest major, a pinned one the newest within its major', async () => {
    const packs = registry();
    for (const version of ['1.2.0', '1.10.0', '2.0.0']) {
      expect(await packs.installPack(samplePack({ version, name: `Acme ${version}` }), 'upload', owner)).toMatchObject({ ok: true });
    }
    expect((await packs.pack('acme'))?.version).toBe('2.0.0');
    expect((await packs.pack('acme', 1))?.version).toBe('1.10.0');
    expect((await packs.action('acme/create-widget@1'))?.manifest.name).toBe('Acme 1.10.0');
    expect((await packs.versionsOf('acme')).map((v) => v.version)).toEqual(['2.0.0', '1.10.0', '1.2.0', '1.0.0']);
    expect((await packs.listPacks()).find((p) => p.id === 'acme')?.versions.length).toBe(4);
  });

  it('finds a pack another process installed after this one cached a miss', async () => {
    const here = registry();
    expect(await here.pack('elsewhere')).toBeUndefined();
    const other = createPackRegistry({ database: openAnother(), now: () => clock++ });
    await other.installPack(samplePack({ id: 'elsewhere' }), 'upload', null);
    expect((await here.pack('elsewhere'))?.version).toBe('1.0.0');
    // A cached pack that lacks a newer major is read again too.
    await other.installPack(samplePack({ id: 'elsewhere', version: '3.0.0' }), 'upload', null);
    expect((await here.pack('elsewhere', 3))?.version).toBe('3.0.0');
  });

  it('updates a changed built-in in place, but never overwrites an uploaded pack with a built-in', async () => {
    const packs = registry();
    expect(await packs.installBuiltIns([samplePack({ id: 'builtin' })])).toMatchObject([{ status: 'installed' }]);
    expect(await packs.installBuiltIns([samplePack({ id: 'builtin', name: 'Renamed' })])).toMatchObject([{ status: 'updated' }]);
    expect((await packs.pack('builtin'))?.manifest.name).toBe('Renamed');
    // The uploaded acme 1.0.0 (say, an edited export of a built-in) is kept; the built-in is reported, not installed.
    expect(await packs.installBuiltIns([samplePack({ name: 'Not the upload' })])).toMatchObject([{ ok: false, code: 'VERSION_CONFLICT' }]);
    expect((await packs.pack('acme'))?.manifest.name).not.toBe('Not the upload');
    await expect(packs.installBuiltIns([{ id: 'broken' }])).rejects.toThrow(/broken cannot be installed/);
  });

  describe('removal', () => {
    const recipe = async (name: string, uses: string[], publish = false) => {
      const definition: RecipeDefinition = {
        trigger: { use: 'core/manual' },
        steps: uses.map((use, index) => ({ id: `s${index}`, use, ...(index === 1 && { steps: [{ id: 'inner', use: 'core/filter' }] }) })),
      };
      await database.write(async (trx) => {
        const { recipe: row, version } = await recipeRepo.create(trx, { name, ownerId: null, definition, now: clock++ });
        if (publish) await recipeRepo.setStatus(trx, row.id, 'live', version.id, clock++);
      });
    };

    it('refuses to remove a pack a recipe uses, naming the recipes; removes it once unused', async () => {
      const packs = registry();
      await packs.installPack(samplePack({ id: 'used' }), 'upload', owner);
      await packs.installPack(samplePack({ id: 'used', version: '2.0.0' }), 'upload', owner);
      await recipe('Uses one', ['core/filter', 'used/create-widget@1'], true);
      const refused = await packs.removePack('used', undefined, owner);
      expect(refused).toMatchObject({ ok: false, code: 'PACK_IN_USE', recipes: [{ name: 'Uses one' }] });
      // Major 2 is unused by pinned steps, and no bare `used/...` exists, so its last version can go.
      expect(await packs.removePack('used', '2.0.0', owner)).toEqual({ ok: true, removed: ['2.0.0'] });
      expect(await packs.removePack('used', '1.0.0', owner)).toMatchObject({ ok: false, code: 'PACK_IN_USE' });
      expect(await packs.removePack('used', '9.0.0', owner)).toMatchObject({ ok: false, code: 'VERSION_NOT_FOUND' });
      expect(await packs.removePack('nothing', undefined, owner)).toMatchObject({ ok: false, code: 'PACK_NOT_FOUND' });
    });

    it('lets one version go while its major has another; a bare use holds the newest major', async () => {
      const packs = registry();
      for (const version of ['1.0.0', '1.1.0', '2.0.0']) await packs.installPack(samplePack({ id: 'spare', version }), 'upload', owner);
      await recipe('Bare use', ['core/filter', 'spare/create-widget']);
      expect(await packs.removePack('spare', '1.1.0', owner)).toEqual({ ok: true, removed: ['1.1.0'] });
      expect(await packs.removePack('spare', '1.0.0', owner)).toEqual({ ok: true, removed: ['1.0.0'] });
      expect(await packs.removePack('spare', '2.0.0', owner)).toMatchObject({ ok: false, code: 'PACK_IN_USE', recipes: [{ name: 'Bare use' }] });
      expect((await packs.pack('spare'))?.version).toBe('2.0.0');
      expect(await packs.pack('spare', 1)).toBeUndefined();
    });

    it('removes an unused pack with all its versions and records it', async () => {
      const packs = registry();
      await packs.installPack(samplePack({ id: 'unused' }), 'upload', owner);
      await packs.installPack(samplePack({ id: 'unused', version: '1.0.1' }), 'upload', owner);
      expect(await packs.removePack('unused', undefined, owner)).toEqual({ ok: true, removed: ['1.0.0', '1.0.1'] });
      expect(await packs.pack('unused')).toBeUndefined();
      const audit = await auditRepo.list(database.db, { action: 'pack.remove', targetId: 'unused', limit: 5 });
      expect(audit).toHaveLength(1);
    });
  });
});
