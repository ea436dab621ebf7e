import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { PackSourceError } from './pack-source-error.js';
import { readPackTarball, type TarballLimits } from './read-pack-tarball.js';
import { buildTarball, packageTarball } from './tarball-fixture.js';

const limits: TarballLimits = { compressedBytes: 64 * 1024, uncompressedBytes: 256 * 1024, entries: 10 };

async function refusal(archive: Buffer): Promise<string> {
  const error = await readPackTarball(archive, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PackSourceError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return `${error.code}: ${error.message}`;
}

describe('readPackTarball', () => {
  it('reads the manifest package.json names, in memory', async () => {
    const found = await readPackTarball(packageTarball({ id: 'acme' }), limits);
    expect(found).toEqual({ path: 'switchyard/pack.json', text: '{"id":"acme"}' });
  });

  it('falls back to a conventional name, and reads an uncompressed tar too', async () => {
    const archive = buildTarball([{ path: 'package/', type: 'Directory' }, { path: 'package/pack.yaml', content: 'id: acme\n' }], false);
    expect(await readPackTarball(archive, limits)).toEqual({ path: 'pack.yaml', text: 'id: acme\n' });
  });

  it('says which file is missing', async () => {
    expect(await refusal(buildTarball([{ path: 'package/readme.md', content: 'hi' }]))).toMatch(/PACK_MANIFEST_MISSING: the package has no pack manifest/);
    const named = buildTarball([{ path: 'package/package.json', content: '{"switchyard":{"pack":"nope.json"}}' }]);
    expect(await refusal(named)).toMatch(/names nope.json as the pack/);
  });

  it('refuses a package.json that points outside the package', async () => {
    const archive = buildTarball([{ path: 'package/package.json', content: '{"switchyard":{"pack":"../../etc/passwd"}}' }]);
    expect(await refusal(archive)).toMatch(/PACK_SOURCE_INVALID: .*must be a relative path inside the package/);
  });

  it('refuses entries that escape package/: parent paths, absolute paths, other folders', async () => {
    const good = { path: 'package/pack.json', content: '{}' };
    expect(await refusal(buildTarball([good, { path: 'package/../evil', content: 'x' }]))).toMatch(/PACK_ARCHIVE_REFUSED: the entry "package\/..\/evil" is outside package\//);
    expect(await refusal(buildTarball([{ path: '../evil', content: 'x' }, good]))).toMatch(/outside package/);
    expect(await refusal(buildTarball([{ path: '/etc/evil', content: 'x' }, good]))).toMatch(/outside package/);
    expect(await refusal(buildTarball([{ path: 'other/file', content: 'x' }, good]))).toMatch(/outside package/);
  });

  it('refuses symbolic links, hard links and devices', async () => {
    const good = { path: 'package/pack.json', content: '{}' };
    expect(await refusal(buildTarball([good, { path: 'package/link', type: 'SymbolicLink', linkpath: '/etc/passwd' }]))).toMatch(/"package\/link" is a SymbolicLink/);
    expect(await refusal(buildTarball([good, { path: 'package/hard', type: 'Link', linkpath: 'package/pack.json' }]))).toMatch(/is a Link/);
    expect(await refusal(buildTarball([good, { path: 'package/dev', type: 'CharacterDevice' }]))).toMatch(/is a CharacterDevice/);
  });

  it('refuses too many entries, a large download and a gzip bomb, rather than truncating', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ path: `package/f${i}.txt`, content: 'x' }));
    expect(await refusal(buildTarball(many))).toMatch(/more than 10 entries/);
    expect(await refusal(Buffer.alloc(limits.compressedBytes + 1))).toMatch(/at most 65536 are accepted/);
    // 1 MB of zeros gzips to about 1 kB: small to download, four times the unpacked limit.
    const bomb = buildTarball([{ path: 'package/pack.json', content: '{}' }, { path: 'package/zeros', content: Buffer.alloc(1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(limits.compressedBytes);
    expect(await refusal(bomb)).toMatch(/unpacks to more than 262144 bytes/);
  });

  it('refuses bytes that are not a tar archive', async () => {
    expect(await refusal(gzipSync(Buffer.from('not a tar file at all'.repeat(40))))).toMatch(/PACK_ARCHIVE_REFUSED|PACK_MANIFEST_MISSING/);
    expect(await refusal(Buffer.from([0x1f, 0x8b, 1, 2, 3]))).toMatch(/not valid gzip/);
  });
});
