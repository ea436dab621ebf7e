import { parsePackText, validatePack } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { createPackRegistry } from './create-pack-registry.js';
import { generatedPack } from './sample-pack.js';

/** Milliseconds per run, the median of `runs` (figures for the coordinator; never asserted). */
async function median(runs: number, work: (run: number) => unknown): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work(run);
    times.push(performance.now() - started);
  }
  return Number(times.sort((a, b) => a - b)[Math.floor(runs / 2)]!.toFixed(2));
}

describe.each(dialects)('figures: a 200-action pack on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  it('validates, parses, installs and resolves (printed, not asserted)', async () => {
    const pack = generatedPack(200);
    const json = JSON.stringify(pack);
    const yaml = YAML.stringify(pack);
    const registry = createPackRegistry({ database, now: () => Date.now() });
    await registry.installPack(pack, 'bench', null);
    const figures = {
      dialect,
      manifestBytes: json.length,
      validateMs: await median(5, () => validatePack(pack)),
      parseJsonMs: await median(5, () => parsePackText(json, 'pack.json')),
      parseYamlMs: await median(5, () => parsePackText(yaml, 'pack.yaml')),
      installMs: await median(5, async (run) => expect((await registry.installPack(generatedPack(200, `gen-${run}`), 'bench', null)).ok).toBe(true)),
      reinstallUnchangedMs: await median(5, async () => expect(await registry.installPack(pack, 'bench', null)).toMatchObject({ status: 'unchanged' })),
      coldLookupMs: await median(5, async (run) => {
        const fresh = createPackRegistry({ database, now: () => Date.now() });
        expect(await fresh.action(`gen-${run}/action-199@1`)).toBeDefined();
      }),
      warmLookupMs: await median(5, async () => expect(await registry.action('gen-0/action-150@1')).toBeDefined()),
    };
    console.log(`pack install figures ${JSON.stringify(figures)}`);
  });
});
