import { tableResponseSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { columnLetter, shapeTable } from './shape-table.js';

const values = [
  ['Name', 'Email address', ''],
  ['Ada', 'ada@example.com', 'x', 'extra'],
  [],
  ['Bob', ' BOB@example.com '],
];

describe('shapeTable', () => {
  it('names cells by the header row (letters where it has none), numbers rows and skips empty ones', () => {
    const body = shapeTable({ range: "'Q1'!A1:Z4", values }, tableResponseSchema.parse({}), {});
    expect(body).toEqual({
      range: "'Q1'!A1:Z4",
      values: [
        { row_number: 2, Name: 'Ada', 'Email address': 'ada@example.com', C: 'x', D: 'extra' },
        { row_number: 4, Name: 'Bob', 'Email address': ' BOB@example.com ', C: '' },
      ],
    });
  });

  it('keeps rows whose column equals the value (trimmed, any case), and counts from firstRow', () => {
    const table = tableResponseSchema.parse({ firstRow: 5, where: { column: '{{input.column}}', equals: '{{input.value}}' } });
    const body = shapeTable({ values }, table, { input: { column: 'email ADDRESS', value: 'bob@example.com' } }) as { values: unknown[] };
    expect(body.values).toEqual([expect.objectContaining({ Name: 'Bob', row_number: 8 })]);
  });

  it('reads an absent list as no rows and keeps header names as plain data', () => {
    expect(shapeTable({ range: 'A1:B2' }, tableResponseSchema.parse({}), {})).toEqual({ range: 'A1:B2', values: [] });
    const shaped = shapeTable({ values: [['__proto__'], ['x']] }, tableResponseSchema.parse({}), {}) as { values: Record<string, unknown>[] };
    expect(Object.getPrototypeOf(shaped.values[0])).toBe(Object.prototype);
    expect(Object.hasOwn(shaped.values[0]!, '__proto__')).toBe(true);
  });

  it('letters columns like a spreadsheet', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
