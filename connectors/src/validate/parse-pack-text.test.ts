import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parsePackText, PACK_TEXT_LIMIT_BYTES } from './parse-pack-text.js';

const pack = {
  id: 'demo',
  name: 'Demo',
  version: '1.2.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.example.com',
  auth: { kind: 'bearer' },
  actions: [{ key: 'send', name: 'Send', input: [{ key: 'text', label: 'Text' }], request: { method: 'POST', path: '/send', json: { text: '{{input.text}}', n: 1, ok: true } } }],
};

function problemsOf(text: string, fileName?: string) {
  const result = parsePackText(text, fileName);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
}

describe('parsePackText', () => {
  it('reads the same pack from JSON and YAML into deep-equal manifests', () => {
    const fromJson = parsePackText(JSON.stringify(pack, null, 2), 'demo.json');
    const fromYaml = parsePackText(stringify(pack), 'demo.pack.yaml');
    expect(fromJson.ok).toBe(true);
    expect(fromYaml).toEqual(fromJson);
    // Without a known extension the first character decides.
    expect(parsePackText(JSON.stringify(pack))).toEqual(fromJson);
    expect(parsePackText(stringify(pack), 'pack.txt')).toEqual(fromJson);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(problemsOf('{\n  "id": "demo",\n  "name": }', 'pack.json')).toEqual([
      { path: '', message: 'line 3, column 11: the file is not valid JSON: unexpected "}"' },
    ]);
    expect(problemsOf('{\n  "id": "demo",\n}')[0]?.message).toBe('line 3, column 1: the file is not valid JSON: Expected double-quoted property name');
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(problemsOf('id: demo\nname: x: y\n', 'pack.yaml')).toEqual([
      { path: '', message: 'line 2, column 7: the file is not valid YAML: Nested mappings are not allowed in compact mappings' },
    ]);
  });

  it('refuses duplicate keys, custom tags and alias bombs in YAML', () => {
    expect(problemsOf('id: a\nid: b\n', 'p.yaml')).toEqual([{ path: '', message: 'line 2, column 1: the file is not valid YAML: Map keys must be unique' }]);
    expect(problemsOf('id: !!js/function "x"\n', 'p.yaml')[0]?.message).toContain('Unresolved tag');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(problemsOf(bomb, 'p.yaml')).toEqual([{ path: '', message: 'the YAML expands too many aliases (*name); at most 100 are allowed' }]);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const huge = `{"description": "${'x'.repeat(PACK_TEXT_LIMIT_BYTES)}"}`;
    expect(problemsOf(huge, 'pack.json')).toEqual([{ path: '', message: 'the pack file is 5.0 MB; a pack may be at most 5 MB' }]);
  });

  it('validates what it parsed', () => {
    expect(problemsOf('id: demo\n', 'p.yaml').map((problem) => problem.path)).toContain('/name');
  });
});

describe('prototype keys', () => {
  it('refuses __proto__ and constructor keys in JSON and YAML without polluting anything', () => {
    for (const [text, file] of [
      ['{"id":"a","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', 'p.json'],
      ['id: a\n__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n', 'p.yaml'],
    ] as const) {
      const result = parsePackText(text, file);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['/__proto__', '/constructor']));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
