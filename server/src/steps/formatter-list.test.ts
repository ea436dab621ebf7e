import { describe, expect, it } from 'vitest';
import { format, invalid } from './formatter-test-helpers.js';

describe('list input', () => {
  it('treats missing as an empty list', async () => {
    expect(await format('list.count', undefined)).toBe(0);
    expect(await format('list.join', null)).toBe('');
  });

  it('refuses text and other scalars, pointing at split_to_list', async () => {
    await expect(format('list.count', 'a,b')).rejects.toMatchObject(invalid('use list.split_to_list'));
    await expect(format('list.sum', 5)).rejects.toMatchObject(invalid('value 5 is not a list'));
  });
});

describe('list.join and list.split_to_list', () => {
  it('joins items as text with ", " by default', async () => {
    expect(await format('list.join', ['a', 1, null, true, { x: 1 }])).toBe('a, 1, , true, {"x":1}');
    expect(await format('list.join', ['a', 'b'], { separator: '\n' })).toBe('a\nb');
  });

  it('splits text into trimmed items and leaves lists alone', async () => {
    expect(await format('list.split_to_list', 'a, b,c')).toEqual(['a', 'b', 'c']);
    expect(await format('list.split_to_list', 'a;b', { separator: ';' })).toEqual(['a', 'b']);
    expect(await format('list.split_to_list', '')).toEqual([]);
    expect(await format('list.split_to_list', ['x, y'])).toEqual(['x, y']);
  });
});

describe('picking items', () => {
  it('first and last, null when empty', async () => {
    expect(await format('list.first', [1, 2, 3])).toBe(1);
    expect(await format('list.last', [1, 2, 3])).toBe(3);
    expect(await format('list.first', [])).toBeNull();
    expect(await format('list.last', undefined)).toBeNull();
  });

  it('item_at counts from 0, negative from the end, null out of range', async () => {
    expect(await format('list.item_at', ['a', 'b', 'c'], { index: 1 })).toBe('b');
    expect(await format('list.item_at', ['a', 'b', 'c'], { index: -1 })).toBe('c');
    expect(await format('list.item_at', ['a'], { index: 5 })).toBeNull();
    expect(await format('list.item_at', ['a'], { index: -2 })).toBeNull();
  });

  it('item_at needs an integer index', async () => {
    await expect(format('list.item_at', ['a'], { index: 0.5 })).rejects.toThrow();
    await expect(format('list.item_at', ['a'])).rejects.toThrow();
  });
});

describe('list.unique', () => {
  it('keeps the first of structurally equal items, whatever their key order', async () => {
    expect(await format('list.unique', [{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: 2 }])).toEqual([{ a: 1, b: 2 }, { a: 2 }]);
  });

  it('keeps 1 and "1" apart', async () => {
    expect(await format('list.unique', [1, '1', 1, null, null, [1], [1]])).toEqual([1, '1', null, [1]]);
  });
});

describe('list.sort', () => {
  it('sorts numeric text as numbers', async () => {
    expect(await format('list.sort', ['10', 9, '100', 1.5])).toEqual([1.5, 9, '10', '100']);
  });

  it('sorts dates as instants and text by code unit', async () => {
    expect(await format('list.sort', ['2024-02-01', '2024-01-15T00:00:00+01:00', '2023-12-31'])).toEqual([
      '2023-12-31',
      '2024-01-15T00:00:00+01:00',
      '2024-02-01',
    ]);
    expect(await format('list.sort', ['b', 'a', 'C'])).toEqual(['C', 'a', 'b']);
  });

  it('sorts descending by a key, keeping ties in order and empty keys last', async () => {
    const items = [{ id: 1, price: '5' }, { id: 2 }, { id: 3, price: 20 }, { id: 4, price: 5 }, { id: 5, price: '' }];
    const sorted = (await format('list.sort', items, { direction: 'desc', by: 'price' })) as { id: number }[];
    expect(sorted.map((item) => item.id)).toEqual([3, 1, 4, 2, 5]);
  });

  it('does not change the input list', async () => {
    const items = [3, 1, 2];
    await format('list.sort', items);
    expect(items).toEqual([3, 1, 2]);
  });
});

describe('list.reverse, list.count', () => {
  it('reverse copies in reverse order', async () => {
    const items = [1, 2, 3];
    expect(await format('list.reverse', items)).toEqual([3, 2, 1]);
    expect(items).toEqual([1, 2, 3]);
  });

  it('count counts items, empty ones included', async () => {
    expect(await format('list.count', [null, '', 0])).toBe(3);
  });
});

describe('list.sum', () => {
  it('adds numbers and numeric text, skipping empty items, without float noise', async () => {
    expect(await format('list.sum', [0.1, '0.2', null, '', 3])).toBe(3.3);
    expect(await format('list.sum', [])).toBe(0);
  });

  it('names the first item that is not a number', async () => {
    await expect(format('list.sum', [1, 'two', 3])).rejects.toMatchObject(
      invalid('value item 1 "two" is not a number'),
    );
  });
});

describe('list.flatten', () => {
  it('flattens one level by default, more with depth', async () => {
    expect(await format('list.flatten', [1, [2, [3, [4]]]])).toEqual([1, 2, [3, [4]]]);
    expect(await format('list.flatten', [1, [2, [3, [4]]]], { depth: 5 })).toEqual([1, 2, 3, 4]);
  });

  it('rejects a depth below 1', async () => {
    await expect(format('list.flatten', [], { depth: 0 })).rejects.toThrow();
  });
});

describe('list.pluck', () => {
  const orders = [
    { id: 1, customer: { email: 'a@x.io' }, lines: [{ sku: 'A' }] },
    { id: 2, customer: null },
    'not an object',
  ];

  it('takes a field or a dotted path from every item, null where missing', async () => {
    expect(await format('list.pluck', orders, { key: 'id' })).toEqual([1, 2, null]);
    expect(await format('list.pluck', orders, { key: 'customer.email' })).toEqual(['a@x.io', null, null]);
    expect(await format('list.pluck', orders, { key: 'lines.0.sku' })).toEqual(['A', null, null]);
  });

  it('never reaches into prototypes', async () => {
    expect(await format('list.pluck', [{}], { key: 'constructor' })).toEqual([null]);
    expect(await format('list.pluck', [{}], { key: '__proto__' })).toEqual([null]);
    expect(await format('list.pluck', [{}], { key: 'toString' })).toEqual([null]);
  });
});

describe('list.filter_empty', () => {
  it('drops missing, null and blank text but keeps 0 and false', async () => {
    expect(await format('list.filter_empty', ['a', '', '  ', null, 0, false, []])).toEqual(['a', 0, false, []]);
  });
});

describe('list.chunk', () => {
  it('groups items, the last group possibly shorter', async () => {
    expect(await format('list.chunk', [1, 2, 3, 4, 5], { size: 2 })).toEqual([[1, 2], [3, 4], [5]]);
    expect(await format('list.chunk', [], { size: 2 })).toEqual([]);
  });

  it('needs a positive integer size', async () => {
    await expect(format('list.chunk', [1], { size: 0 })).rejects.toThrow();
  });
});
