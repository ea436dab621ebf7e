import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePackText } from '../validate/parse-pack-text.js';
import { validatePack } from '../validate/validate-pack.js';
import { builtInPacks } from './built-in-packs.js';

describe('built-in packs', () => {
  it.each(builtInPacks.map((pack) => [pack.id, pack] as const))('%s passes the validator and serialises to the same manifest', (_id, pack) => {
    const imported = validatePack(pack);
    expect(imported.ok ? [] : imported.problems).toEqual([]);
    expect(validatePack(JSON.parse(JSON.stringify(pack)))).toEqual(imported);
  });

  it('have unique ids', () => {
    const ids = builtInPacks.map((pack) => pack.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the worked example pack', () => {
  it('passes the validator', () => {
    const text = readFileSync(new URL('../../examples/acme-crm.pack.yaml', import.meta.url), 'utf8');
    const result = parsePackText(text, 'acme-crm.pack.yaml');
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});

describe('the README', () => {
  it('shows the worked example in full, as it is in examples/', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../examples/acme-crm.pack.yaml', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`yaml\n${example}\`\`\``);
  });
});
