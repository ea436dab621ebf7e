import { describe, expect, it } from 'vitest';
import { compileTemplate } from './compile-template.js';

describe('compileTemplate', () => {
  it('detects whole-field expressions', () => {
    expect(compileTemplate(' {{ a }} ').whole).toMatchObject({ path: ['a'] });
    expect(compileTemplate('{{ a }}{{ b }}').whole).toBeNull();
    expect(compileTemplate('x{{ a }}').whole).toBeNull();
    expect(compileTemplate('\\{{ a }}').whole).toBeNull();
  });

  it('caches parses and drops the oldest entry beyond 5,000', () => {
    const first = compileTemplate('{{ cache.first }}');
    expect(compileTemplate('{{ cache.first }}')).toBe(first);
    for (let index = 0; index < 5_000; index += 1) compileTemplate(`{{ cache.filler${index} }}`);
    expect(compileTemplate('{{ cache.first }}')).not.toBe(first);
    expect(compileTemplate('{{ cache.first }}')).toEqual(first);
  });

  it('does not keep very long strings', () => {
    const long = `{{ a }}${'x'.repeat(20_000)}`;
    expect(compileTemplate(long)).not.toBe(compileTemplate(long));
  });
});
