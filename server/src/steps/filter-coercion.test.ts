import { describe, expect, it } from 'vitest';
import { asIsoDate, asNumber, asText, compareValues, isBlank, looseEquals } from './filter-coercion.js';

describe('asNumber', () => {
  it.each([
    [100, 100],
    ['100', 100],
    [' 42.5 ', 42.5],
    ['-3', -3],
    ['+3', 3],
    ['.5', 0.5],
    ['1e3', 1000],
    ['007', 7],
  ])('reads %j as %j', (input, expected) => {
    expect(asNumber(input)).toBe(expected);
  });

  it.each(['', ' ', 'abc', '1,234', '0x1F', 'Infinity', 'NaN', '12abc', '1.2.3'])('rejects %j', (input) => {
    expect(asNumber(input)).toBeUndefined();
  });

  it.each([true, null, undefined, [1], { n: 1 }, Number.NaN, Number.POSITIVE_INFINITY])('rejects %j', (input) => {
    expect(asNumber(input)).toBeUndefined();
  });
});

describe('asIsoDate', () => {
  it('reads dates without an offset as UTC', () => {
    expect(asIsoDate('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(asIsoDate('2024-01-01T10:00:00')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(asIsoDate('2024-01-01 10:00:00')).toBe(Date.UTC(2024, 0, 1, 10));
  });

  it('honours an explicit offset', () => {
    expect(asIsoDate('2024-01-01T10:00:00+02:00')).toBe(Date.UTC(2024, 0, 1, 8));
  });

  it.each(['2024', '2024-W01', '2024-13-01', 'yesterday', '01/02/2024'])('rejects %j', (input) => {
    expect(asIsoDate(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(asIsoDate(Date.UTC(2024, 0, 1))).toBeUndefined();
  });
});

describe('asText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['x', 'x'],
    [12, '12'],
    [false, 'false'],
    [['a', 1, null], 'a,1,'],
    [{ a: 1 }, '{"a":1}'],
  ])('shows %j as %j', (input, expected) => {
    expect(asText(input)).toBe(expected);
  });
});

describe('isBlank', () => {
  it('counts only null, undefined and "" as missing', () => {
    expect([null, undefined, ''].every(isBlank)).toBe(true);
    expect([0, false, ' ', [], {}].some(isBlank)).toBe(false);
  });
});

describe('compareValues', () => {
  it('compares numerically when both sides are numeric, even as text', () => {
    expect(compareValues('9', '10')).toBe(-1);
    expect(compareValues(100, '100.0')).toBe(0);
  });

  it('compares instants when both sides are ISO dates', () => {
    expect(compareValues('2024-01-02', '2024-01-01T23:00:00Z')).toBe(1);
    expect(compareValues('2024-01-01T02:00:00+02:00', '2024-01-01T00:00:00Z')).toBe(0);
  });

  it('falls back to case-sensitive text by code unit', () => {
    expect(compareValues('apple', 'banana')).toBe(-1);
    expect(compareValues('B', 'a')).toBe(-1);
    expect(compareValues('10 apples', '9 apples')).toBe(-1);
  });

  it('does not mix kinds: a number against text compares as text', () => {
    expect(compareValues(5, 'five')).toBe(-1);
  });
});

describe('looseEquals', () => {
  it('treats equal numbers in any notation as equal', () => {
    expect(looseEquals('1e2', 100)).toBe(true);
  });

  it('compares booleans and missing values by their text', () => {
    expect(looseEquals(true, 'true')).toBe(true);
    expect(looseEquals(null, '')).toBe(true);
    expect(looseEquals('Paid', 'paid')).toBe(false);
  });
});
