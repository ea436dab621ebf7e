import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAllowList, createEgressClient } from '../egress/index.js';
import type { PackDownloadDeps } from './download-pack-bytes.js';
import { startFakeNpmRegistry } from './fake-npm-registry.js';
import { fetchNpmPack, parseNpmSpec, pickVersion } from './fetch-npm-pack.js';
import { fetchPackSource } from './fetch-pack-source.js';
import { buildTarball, packageTarball } from './tarball-fixture.js';

describe('fetchNpmPack against a registry on 127.0.0.1', () => {
  let registry: Awaited<ReturnType<typeof startFakeNpmRegistry>>;
  let deps: PackDownloadDeps;
  const egress = createEgressClient({ allow: ['127.0.0.1'] });

  beforeAll(async () => {
    registry = await startFakeNpmRegistry();
    deps = { egress, allowList: createAllowList(['127.0.0.1']), npmRegistry: registry.url, timeoutMs: 5_000 };
    for (const version of ['1.0.0', '1.4.2', '1.10.0', '2.0.0', '2.1.0-beta.1']) {
      registry.publish('acme-pack', version, packageTarball({ id: 'acme', version }), version.includes('beta') ? { tag: 'beta' } : {});
    }
    registry.publish('@acme/scoped', '3.0.0', packageTarball({ id: 'scoped' }, 'pack.yaml'));
    registry.publish('evil-parent', '1.0.0', buildTarball([{ path: 'package/pack.json', content: '{}' }, { path: 'package/../../evil', content: 'x' }]));
    registry.publish('evil-link', '1.0.0', buildTarball([{ path: 'package/pack.json', type: 'SymbolicLink', linkpath: '/etc/passwd' }]));
    registry.publish('bad-integrity', '1.0.0', packageTarball({ id: 'x' }), { integrity: `sha512-${Buffer.alloc(64).toString('base64')}` });
    registry.publish('no-integrity', '1.0.0', packageTarball({ id: 'x' }), { integrity: 'sha1-abc' });
    registry.publish('huge', '1.0.0', buildTarball([{ path: 'package/pack.json', content: '{}' }, { path: 'package/blob', content: Buffer.alloc(60 * 1024 * 1024) }]));
  });
  afterAll(async () => {
    await registry.close();
    await egress.close();
  });

  it('installs the highest version a range matches, latest by default, or a dist-tag', async () => {
    expect(await fetchNpmPack(deps, 'npm:acme-pack@^1')).toMatchObject({ source: 'npm:acme-pack@1.10.0', text: '{"id":"acme","version":"1.10.0"}', fileName: 'pack.json' });
    expect((await fetchNpmPack(deps, 'npm:acme-pack@~1.4.0')).source).toBe('npm:acme-pack@1.4.2');
    expect((await fetchNpmPack(deps, 'npm:acme-pack')).source).toBe('npm:acme-pack@2.0.0');
    expect((await fetchNpmPack(deps, 'npm:acme-pack@beta')).source).toBe('npm:acme-pack@2.1.0-beta.1');
    expect(await fetchNpmPack(deps, 'npm:@acme/scoped@3')).toMatchObject({ source: 'npm:@acme/scoped@3.0.0', fileName: 'pack.yaml' });
    expect(registry.requests).toContain('@acme/scoped');
  });

  it('says when nothing matches or the package does not exist', async () => {
    await expect(fetchNpmPack(deps, 'npm:acme-pack@^5')).rejects.toThrow(/acme-pack has no published version matching "\^5"/);
    await expect(fetchNpmPack(deps, 'npm:missing-pack')).rejects.toThrow(/answered 404/);
  });

  it('refuses archives that escape package/ or hold links', async () => {
    await expect(fetchNpmPack(deps, 'npm:evil-parent')).rejects.toMatchObject({ code: 'PACK_ARCHIVE_REFUSED', message: expect.stringMatching(/outside package/) });
    await expect(fetchNpmPack(deps, 'npm:evil-link')).rejects.toMatchObject({ code: 'PACK_ARCHIVE_REFUSED', message: expect.stringMatching(/SymbolicLink/) });
  });

  it('refuses a tarball that does not match its integrity, or has no sha512 to check', async () => {
    await expect(fetchNpmPack(deps, 'npm:bad-integrity')).rejects.toThrow(/does not match its published integrity/);
    await expect(fetchNpmPack(deps, 'npm:no-integrity')).rejects.toThrow(/has no sha512 integrity/);
  });

  it('refuses an archive that unpacks beyond the limit', async () => {
    await expect(fetchNpmPack(deps, 'npm:huge')).rejects.toThrow(/unpacks to more than 52428800 bytes/);
  });

  it('refuses a download larger than the compressed limit without reading it all', async () => {
    const tiny = { compressedBytes: 100, uncompressedBytes: 1024 * 1024, entries: 10 };
    await expect(fetchNpmPack(deps, 'npm:acme-pack', tiny)).rejects.toThrow(/is larger than 100 bytes/);
  });

  it('downloads over plain http only from allow-listed hosts', async () => {
    const strict = { ...deps, allowList: createAllowList([]) };
    await expect(fetchNpmPack(strict, 'npm:acme-pack')).rejects.toThrow(/over https only/);
    await expect(fetchPackSource(deps, 'ftp://example.com/pack.json')).rejects.toThrow(/neither npm:<name>\[@range\] nor an https URL/);
  });
});

describe('npm specs', () => {
  it('parses names, scopes and ranges, and refuses what npm would not publish', () => {
    expect(parseNpmSpec('npm:@acme/pack@^2')).toEqual({ name: '@acme/pack', range: '^2' });
    expect(parseNpmSpec('npm:pack')).toEqual({ name: 'pack', range: 'latest' });
    expect(() => parseNpmSpec('npm:Bad Name')).toThrow(/not an npm package name/);
    expect(() => parseNpmSpec('npm:pack@')).toThrow(/neither a version range nor a dist-tag/);
    expect(() => parseNpmSpec('npm:../../etc')).toThrow(/not an npm package name/);
  });

  it('picks by dist-tag first, then the highest satisfying version', () => {
    const packument = { 'dist-tags': { latest: '1.2.0' }, versions: { '1.2.0': {}, '1.10.0': {}, '2.0.0-rc.1': {} } };
    expect(pickVersion(packument, { name: 'x', range: 'latest' })).toBe('1.2.0');
    expect(pickVersion(packument, { name: 'x', range: '1.x' })).toBe('1.10.0');
    expect(pickVersion(packument, { name: 'x', range: '^3' })).toBeUndefined();
  });
});
