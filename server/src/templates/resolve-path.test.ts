import { describe, expect, it } from 'vitest';
import { resolvePath } from './resolve-path.js';

describe('resolvePath', () => {
  const root = { a: { b: [10, { c: 'deep' }], 'x y': 1, zero: 0, nil: null } };

  it('walks objects and array indexes', () => {
    expect(resolvePath(root, ['a', 'b', '1', 'c'])).toBe('deep');
    expect(resolvePath(root, ['a', 'b', '0'])).toBe(10);
    expect(resolvePath(root, ['a', 'x y'])).toBe(1);
    expect(resolvePath(root, ['a', 'zero'])).toBe(0);
    expect(resolvePath(root, ['a', 'nil'])).toBeNull();
    expect(resolvePath(root, [])).toBe(root);
  });

  it('returns undefined for anything missing', () => {
    expect(resolvePath(root, ['a', 'b', '5'])).toBeUndefined();
    expect(resolvePath(root, ['a', 'nil', 'x'])).toBeUndefined();
    expect(resolvePath(root, ['a', 'zero', 'x'])).toBeUndefined();
    expect(resolvePath(null, ['a'])).toBeUndefined();
  });

  it('refuses prototype-related names even when they are own properties', () => {
    const own = JSON.parse('{"__proto__": {"x": 1}, "constructor": 2, "prototype": 3}') as unknown;
    expect(resolvePath(own, ['__proto__', 'x'])).toBeUndefined();
    expect(resolvePath(own, ['constructor'])).toBeUndefined();
    expect(resolvePath(own, ['prototype'])).toBeUndefined();
    expect(resolvePath({}, ['constructor', 'name'])).toBeUndefined();
  });

  it('only reads own data properties: no inherited members, getters or functions', () => {
    let called = false;
    const withGetter = Object.defineProperty({}, 'secret', {
      enumerable: true,
      get: () => {
        called = true;
        return 'x';
      },
    });
    expect(resolvePath(withGetter, ['secret'])).toBeUndefined();
    expect(called).toBe(false);
    expect(resolvePath(Object.create({ inherited: 1 }), ['inherited'])).toBeUndefined();
    expect(resolvePath({ s: 'abc' }, ['s', 'length'])).toBeUndefined();
    expect(resolvePath({ list: [] }, ['list', 'map'])).toBeUndefined();
    expect(resolvePath({ f: () => 1 }, ['f'])).toBeUndefined();
  });
});
