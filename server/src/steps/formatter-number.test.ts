import { describe, expect, it } from 'vitest';
import { format, invalid } from './formatter-test-helpers.js';

describe('number.format', () => {
  it('uses en-US grouping and Intl default decimals', async () => {
    expect(await format('number.format', 1234567.891)).toBe('1,234,567.891');
  });

  it('honours locale, fixed decimals and currency', async () => {
    expect(await format('number.format', '1234.5', { decimals: 2 })).toBe('1,234.50');
    expect(await format('number.format', 1234.5, { locale: 'de-DE', decimals: 2 })).toBe('1.234,50');
    expect(await format('number.format', 1234.5, { currency: 'usd' })).toBe('$1,234.50');
    expect(await format('number.format', 1234.5, { locale: 'de-DE', currency: 'EUR' })).toBe('1.234,50\u00a0€');
  });

  it('rejects a malformed locale or currency', async () => {
    await expect(format('number.format', 1, { locale: 'not a locale!' })).rejects.toMatchObject(
      invalid('options.locale'),
    );
    await expect(format('number.format', 1, { currency: 'EURO' })).rejects.toThrow(/ISO 4217/);
  });

  it('rejects text that is not a plain number', async () => {
    await expect(format('number.format', '1,234')).rejects.toMatchObject(invalid('use number.parse'));
    await expect(format('number.format', undefined)).rejects.toMatchObject(invalid('value is empty'));
  });
});

describe('number.round', () => {
  it.each<[unknown, number | undefined, number]>([
    [2.5, undefined, 3],
    [-2.5, undefined, -3],
    [1.005, 2, 1.01],
    [1.2345, 3, 1.235],
    ['3.14159', 2, 3.14],
    [1234.5, -2, 1200],
    [-0.001, 2, 0],
    [0.1 + 0.2, 15, 0.3],
  ])('rounds %j to %j decimals as %j', async (value, decimals, expected) => {
    expect(await format('number.round', value, decimals === undefined ? undefined : { decimals })).toBe(expected);
  });

  it('never returns negative zero', async () => {
    expect(Object.is(await format('number.round', -0.4), 0)).toBe(true);
  });

  it('rejects non-numbers and out-of-range decimals', async () => {
    await expect(format('number.round', 'abc')).rejects.toMatchObject(invalid('value "abc" is not a number'));
    await expect(format('number.round', 1, { decimals: 16 })).rejects.toThrow();
  });
});

describe('number.parse', () => {
  it.each<[unknown, '.' | ',' | undefined, number]>([
    ['1,234.56', undefined, 1234.56],
    ['$1,234.56', undefined, 1234.56],
    ['-$5', undefined, -5],
    [' 42 ', undefined, 42],
    ['.5', undefined, 0.5],
    ['1234', undefined, 1234],
    ['1.234,56', ',', 1234.56],
    ['1 234,56 €', ',', 1234.56],
    ["1'234.5", '.', 1234.5],
    ['0,5', ',', 0.5],
    [12.5, ',', 12.5],
  ])('reads %j (decimal %j) as %j', async (value, decimal, expected) => {
    const options = decimal === undefined ? undefined : { decimal_separator: decimal };
    expect(await format('number.parse', value, options)).toBe(expected);
  });

  it('refuses misplaced group separators instead of guessing', async () => {
    await expect(format('number.parse', '1.5', { decimal_separator: ',' })).rejects.toMatchObject(
      invalid('decimal separator ","'),
    );
    await expect(format('number.parse', '1,2,3')).rejects.toMatchObject(invalid('is not a number'));
    await expect(format('number.parse', '1.234.5')).rejects.toMatchObject(invalid('is not a number'));
  });

  it('refuses empty and non-numeric text', async () => {
    await expect(format('number.parse', '')).rejects.toMatchObject(invalid('value is empty'));
    await expect(format('number.parse', null)).rejects.toMatchObject(invalid('value is empty'));
    await expect(format('number.parse', 'twelve')).rejects.toMatchObject(invalid('is not a number'));
  });

  it('accepts only "." or "," as the decimal separator', async () => {
    await expect(format('number.parse', '1', { decimal_separator: ';' })).rejects.toThrow();
  });
});

describe('number.math', () => {
  it.each<[string, unknown, unknown, number]>([
    ['add', 0.1, 0.2, 0.3],
    ['subtract', '10', 2.5, 7.5],
    ['multiply', 1.1, 3, 3.3],
    ['divide', 10, '4', 2.5],
    ['min', 3, -1, -1],
    ['max', '3', 7, 7],
  ])('%s(%j, %j) = %j', async (operation, value, operand, expected) => {
    expect(await format('number.math', value, { operation, operand })).toBe(expected);
  });

  it('refuses to divide by zero', async () => {
    await expect(format('number.math', 1, { operation: 'divide', operand: 0 })).rejects.toMatchObject(
      invalid('divide by zero'),
    );
  });

  it('names the operand when it is not a number', async () => {
    await expect(format('number.math', 1, { operation: 'add', operand: 'x' })).rejects.toMatchObject(
      invalid('options.operand "x"'),
    );
  });

  it('refuses a result that overflows', async () => {
    await expect(format('number.math', 1e308, { operation: 'multiply', operand: 10 })).rejects.toMatchObject(
      invalid('too large'),
    );
  });

  it('accepts only the listed operations', async () => {
    await expect(format('number.math', 1, { operation: 'power', operand: 2 })).rejects.toThrow();
  });
});
