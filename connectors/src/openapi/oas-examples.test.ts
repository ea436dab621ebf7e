import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validatePack } from '../validate/validate-pack.js';
import { openApiToPack } from './openapi-to-pack.js';

// Real public documents shipped by @readme/oas-examples: every 3.0 and 3.1 example, JSON and YAML.
const root = dirname(createRequire(import.meta.url).resolve('@readme/oas-examples/package.json'));
const files = ['3.0', '3.1'].flatMap((version) =>
  ['json', 'yaml'].flatMap((format) => {
    const folder = join(root, version, format);
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(json|ya?ml)$/.test(entry.name))
      .map((entry) => ({ name: `${version}/${format}/${entry.name}`, path: join(folder, entry.name) }));
  }),
);

describe('real OpenAPI documents from @readme/oas-examples', () => {
  test('each converts to a valid pack or fails with clear problems, and most convert', async () => {
    expect(files.length).toBeGreaterThan(50);
    const failed: string[] = [];
    for (const file of files) {
      const result = await openApiToPack(readFileSync(file.path, 'utf8'), { fileName: file.name });
      if (result.ok) {
        const validation = validatePack(result.manifest);
        expect(validation.ok, `${file.name}: ${JSON.stringify(validation.ok ? [] : validation.problems)}`).toBe(true);
        expect(result.manifest.actions?.length, file.name).toBeGreaterThan(0);
      } else {
        expect(result.problems.length, file.name).toBeGreaterThan(0);
        for (const problem of result.problems) {
          expect(problem.message, file.name).not.toMatch(/\n\s+at |Error:/);
          expect(problem.path, file.name).toMatch(/^(\/.*)?$/);
        }
        failed.push(`${file.name}: ${result.problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
      }
    }
    const converted = files.length - failed.length;
    console.log(`${converted} of ${files.length} real documents converted`);
    if (failed.length > 0) console.log(`not converted:\n${failed.join('\n')}`);
    expect(converted / files.length).toBeGreaterThan(0.9);
  }, 120_000);
});
