import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtInPacks, PACK_TEXT_LIMIT_BYTES } from '@switchyard/connectors';
import YAML from 'yaml';
import { createAllowList, createEgressClient } from '../egress/index.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { startFakeNpmRegistry } from '../registry/fake-npm-registry.js';
import { samplePack } from '../registry/sample-pack.js';
import { packageTarball } from '../registry/tarball-fixture.js';
import { useMigratedDatabase } from '../storage/test-databases.js';
import { addPackCommand, exportPackCommand, fromOpenApiCommand, listPacksCommand, removePackCommand, validatePackCommand } from './packs-command.js';
import { runCli } from './run-cli.js';

const spec = {
  openapi: '3.0.3',
  info: { title: 'Widget API', version: '1.0.0' },
  servers: [{ url: 'https://api.widgets.test' }],
  paths: { '/widgets': { get: { operationId: 'listWidgets', summary: 'List widgets', responses: { '200': { description: 'ok' } } } } },
};

describe('packs commands', () => {
  const { database } = useMigratedDatabase('sqlite');
  const packs = createPackRegistry({ database, now: () => 1 });
  const egress = createEgressClient({ allow: ['127.0.0.1'] });
  let dir: string;
  let npm: Awaited<ReturnType<typeof startFakeNpmRegistry>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sy-packs-cli-'));
    npm = await startFakeNpmRegistry();
    await writeFile(join(dir, 'good.yaml'), YAML.stringify(samplePack()));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...samplePack(), id: 'Bad Id', version: 'one' }));
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(spec));
  });
  afterAll(async () => {
    await npm.close();
    await egress.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('validate prints every problem as <path>: <message> and fails; a good file passes', async () => {
    expect(await validatePackCommand(join(dir, 'good.yaml'))).toEqual({ ok: true, lines: ['acme 1.0.0 is valid: 1 actions, 1 triggers'] });
    const bad = await validatePackCommand(join(dir, 'bad.json'));
    expect(bad.ok).toBe(false);
    expect(bad.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^\/id: /), expect.stringMatching(/^\/version: /)]));
  });

  it('validate exits non-zero through the real CLI, without a server or database', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['node', 'switchyard', 'packs', 'validate', join(dir, 'bad.json')])).toBe(1);
      expect(out.mock.calls.map(([text]) => String(text)).join('')).toMatch(/^\/id: /m);
      expect(err.mock.calls.map(([text]) => String(text)).join('')).toMatch(/bad.json: \d+ problems/);
      expect(await runCli(['node', 'switchyard', 'packs', 'validate', join(dir, 'good.yaml')])).toBe(0);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it('from-openapi turns a spec into a manifest that validates', async () => {
    const result = await fromOpenApiCommand(join(dir, 'openapi.json'), 'widgets');
    if (!result.ok) throw new Error(result.lines.join('\n'));
    await writeFile(join(dir, 'widgets.json'), result.json);
    expect(JSON.parse(await readFile(join(dir, 'widgets.json'), 'utf8'))).toMatchObject({ id: 'widgets' });
    expect((await validatePackCommand(join(dir, 'widgets.json'))).ok).toBe(true);
    const broken = await fromOpenApiCommand(join(dir, 'bad.json'));
    expect(broken.ok).toBe(false);
  });

  it('from-openapi reads specs bigger than a pack manifest may be', async () => {
    const spec = JSON.parse(await readFile(join(dir, 'openapi.json'), 'utf8')) as { info: { description?: string } };
    spec.info.description = 'x'.repeat(PACK_TEXT_LIMIT_BYTES);
    await writeFile(join(dir, 'big-openapi.json'), JSON.stringify(spec));
    const result = await fromOpenApiCommand(join(dir, 'big-openapi.json'), 'big');
    if (!result.ok) throw new Error(result.lines.join('\n'));
    expect(JSON.parse(result.json)).toMatchObject({ id: 'big' });
  });

  it('adds from a file and from npm, lists, and removes', async () => {
    npm.publish('widget-pack', '2.1.0', packageTarball(samplePack({ id: 'widgets-npm', version: '2.1.0' })));
    const downloads = { egress, allowList: createAllowList(['127.0.0.1']), npmRegistry: npm.url };
    expect(await addPackCommand(packs, downloads, join(dir, 'good.yaml'))).toBe('installed acme 1.0.0 (file:good.yaml)');
    expect(await addPackCommand(packs, downloads, join(dir, 'good.yaml'))).toBe('unchanged acme 1.0.0 (file:good.yaml)');
    expect(await addPackCommand(packs, downloads, 'npm:widget-pack@^2')).toBe('installed widgets-npm 2.1.0 (npm:widget-pack@2.1.0)');
    await expect(addPackCommand(packs, downloads, join(dir, 'bad.json'))).rejects.toThrow(/the pack is invalid[\s\S]*\n {2}\/version: /);
    await expect(addPackCommand(packs, downloads, join(dir, 'missing.json'))).rejects.toThrow(/no file/);
    const lines = await listPacksCommand(packs);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^acme\s+1\.0\.0\s+Acme {2}\[1\.0\.0\]$/);
    expect(await removePackCommand(packs, 'widgets-npm')).toBe('removed widgets-npm 2.1.0');
    await expect(removePackCommand(packs, 'widgets-npm')).rejects.toThrow(/no pack widgets-npm is installed/);
  });

  it('exports a built-in pack to a file that adds back, as a new version or under a new id', async () => {
    const downloads = { egress, allowList: createAllowList([]), npmRegistry: npm.url };
    const ntfy = builtInPacks.find((pack) => pack.id === 'ntfy')!;
    await packs.installBuiltIns([ntfy]);
    const exported = await exportPackCommand(packs, 'ntfy', { format: 'yaml' });
    const edited = exported.text.replace(`version: ${ntfy.version}`, 'version: 9.0.0').replace(`name: ${ntfy.name}`, 'name: My ntfy');
    await writeFile(join(dir, exported.fileName), edited);
    expect(await addPackCommand(packs, downloads, join(dir, exported.fileName))).toBe(`installed ntfy 9.0.0 (file:${exported.fileName})`);
    expect((await packs.pack('ntfy'))?.manifest.name).toBe('My ntfy');
    const copy = await exportPackCommand(packs, 'ntfy', { format: 'json', version: ntfy.version, as: 'my-ntfy' });
    expect(JSON.parse(copy.text)).toMatchObject({ id: 'my-ntfy', name: ntfy.name });
    await expect(exportPackCommand(packs, 'nothing', { format: 'yaml' })).rejects.toThrow(/no pack nothing is installed/);
    await expect(exportPackCommand(packs, 'ntfy', { format: 'yaml', version: '0.0.1' })).rejects.toThrow(/ntfy has no version 0\.0\.1; installed: 9\.0\.0, /);
    await expect(exportPackCommand(packs, 'ntfy', { format: 'yaml', as: 'core' })).rejects.toThrow(/cannot export ntfy as core: \/id: "core" is reserved/);
  });
});
