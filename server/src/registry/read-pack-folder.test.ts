import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPackFile } from './read-pack-file.js';
import { readPackFolder } from './read-pack-folder.js';

describe('readPackFolder and readPackFile', () => {
  let root: string;
  const folder = async (name: string, files: Record<string, string>) => {
    const dir = join(root, name);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await mkdir(dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sy-pack-folder-'));
    return () => rm(root, { recursive: true, force: true });
  });

  it('takes the first conventional manifest name', async () => {
    const dir = await folder('plain', { 'pack.yaml': 'id: b', 'switchyard-pack.yml': 'id: a' });
    expect(await readPackFolder(dir)).toEqual({ text: 'id: a', fileName: 'switchyard-pack.yml', source: 'folder:plain/switchyard-pack.yml' });
  });

  it('prefers the manifest package.json names', async () => {
    const dir = await folder('named', { 'package.json': '{"switchyard":{"pack":"./src/acme.json"}}', 'src/acme.json': '{"id":"acme"}', 'pack.json': '{}' });
    expect(await readPackFolder(dir)).toMatchObject({ text: '{"id":"acme"}', fileName: 'acme.json' });
  });

  it('refuses a named path outside the folder, directly or through a symbolic link', async () => {
    await folder('secret', { 'pack.json': '{"id":"secret"}' });
    const escaping = await folder('escaping', { 'package.json': '{"switchyard":{"pack":"../secret/pack.json"}}' });
    await expect(readPackFolder(escaping)).rejects.toThrow(/must be a relative path inside the package/);
    const linked = await folder('linked', { 'package.json': '{"switchyard":{"pack":"link.json"}}' });
    await symlink(join(root, 'secret', 'pack.json'), join(linked, 'link.json'));
    await expect(readPackFolder(linked)).rejects.toThrow(/link.json leads outside the pack folder/);
  });

  it('says what it looked for when there is no manifest, and when the folder is missing', async () => {
    const empty = await folder('empty', { 'readme.md': 'hi' });
    await expect(readPackFolder(empty)).rejects.toThrow(/has no pack manifest; expected one of switchyard-pack.json/);
    const wrong = await folder('wrong', { 'package.json': '{"switchyard":{"pack":"gone.yaml"}}' });
    await expect(readPackFolder(wrong)).rejects.toThrow(/names gone.yaml as the pack, but the folder .* has no such file/);
    await expect(readPackFolder(join(root, 'nowhere'))).rejects.toThrow(/no folder/);
  });

  it('reads a single file and names its source', async () => {
    const dir = await folder('file', { 'acme.yaml': 'id: acme' });
    expect(await readPackFile(join(dir, 'acme.yaml'))).toEqual({ text: 'id: acme', fileName: 'acme.yaml', source: 'file:acme.yaml' });
    await expect(readPackFile(join(dir, 'missing.yaml'))).rejects.toThrow(/no file/);
  });
});
