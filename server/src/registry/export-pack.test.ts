import { builtInPacks, parsePackText, validatePack, type PackManifest } from '@switchyard/connectors';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { exportPack, PackExportError } from './export-pack.js';
import type { InstalledPack } from './pack-registry.js';
import { samplePack } from './sample-pack.js';

const installed = (raw: unknown): InstalledPack => {
  const check = validatePack(raw);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return { manifest: check.manifest, version: check.manifest.version, major: semver.major(check.manifest.version) };
};

describe('exportPack', () => {
  it.each(builtInPacks.map((pack) => [pack.id, pack] as const))('writes built-in %s as YAML and JSON that import to the same pack', (_id, pack) => {
    const expected = validatePack(pack);
    for (const format of ['yaml', 'json'] as const) {
      const file = exportPack(installed(pack), { format });
      expect(file.fileName).toBe(`${pack.id}.pack.${format}`);
      expect(parsePackText(file.text, file.fileName)).toEqual(expected);
    }
  });

  it('leaves defaults out of a built-in pack and says how to import it again', () => {
    const [pack] = builtInPacks;
    const file = exportPack(installed(pack), { format: 'yaml' });
    expect(file.text).toMatch(/^# Exported by Switchyard: ntfy \d+\.\d+\.\d+\.\n# Edit it, then import it with `switchyard packs add <this file>`/);
    // The validator fills `required: false` into every field; the exported file is the pack as written.
    const installedText = JSON.stringify(installed(pack).manifest);
    expect(installedText).toContain('"required":false');
    const exported = JSON.stringify(JSON.parse(exportPack(installed(pack), { format: 'json' }).text));
    expect(exported).toBe(JSON.stringify(pack));
    expect(exported.length).toBeLessThan(installedText.length);
  });

  it('copies a pack under a new id with `as`, and refuses an id the validator would refuse', () => {
    const file = exportPack(installed(builtInPacks[0]), { format: 'json', as: 'my-ntfy' });
    expect((JSON.parse(file.text) as PackManifest).id).toBe('my-ntfy');
    expect(file.fileName).toBe('my-ntfy.pack.json');
    expect(() => exportPack(installed(builtInPacks[0]), { format: 'yaml', as: 'Not An Id' })).toThrow(PackExportError);
    expect(() => exportPack(installed(builtInPacks[0]), { format: 'yaml', as: 'core' })).toThrow(/^\/id: "core" is reserved/);
  });

  it('writes an imported pack as installed', () => {
    const pack = installed(samplePack());
    const file = exportPack(pack, { format: 'json' });
    expect(JSON.parse(file.text)).toEqual(JSON.parse(JSON.stringify(pack.manifest)));
    expect(parsePackText(file.text, file.fileName)).toEqual(validatePack(samplePack()));
  });
});
