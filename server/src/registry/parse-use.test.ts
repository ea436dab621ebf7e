import { describe, expect, it } from 'vitest';
import { parseUse, pinUse } from './parse-use.js';

describe('parseUse', () => {
  it('reads pack, key and an optional major pin', () => {
    expect(parseUse('acme/create-contact')).toEqual({ packId: 'acme', key: 'create-contact', major: undefined });
    expect(parseUse('acme/create-contact@2')).toEqual({ packId: 'acme', key: 'create-contact', major: 2 });
  });
  it('refuses anything else', () => {
    for (const bad of ['acme', 'acme/', '/x', 'Acme/x', 'acme/x@', 'acme/x@1.2', 'a/b/c']) expect(parseUse(bad)).toBeUndefined();
  });
  it('pins or re-pins', () => {
    expect(pinUse('acme/x', 3)).toBe('acme/x@3');
    expect(pinUse('acme/x@1', 2)).toBe('acme/x@2');
  });
});
