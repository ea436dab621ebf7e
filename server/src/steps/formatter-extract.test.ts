import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_INPUT, MAX_PATTERN_LENGTH } from './formatter-extract.js';
import { format, invalid } from './formatter-test-helpers.js';

describe('text.extract_email', () => {
  it.each([
    ['Contact: Jane <jane.doe+sales@example.co.uk>.', 'jane.doe+sales@example.co.uk'],
    ['mailto:bob@example.com, thanks', 'bob@example.com'],
    ['write to ana@exámple.com.', 'ana@exámple.com'],
    ['first a@b.io then c@d.io', 'a@b.io'],
  ])('finds the address in %j', async (text, expected) => {
    expect(await format('text.extract_email', text)).toBe(expected);
  });

  it.each(['no address here', 'user@localhost', '@example.com', ''])('gives null for %j', async (text) => {
    expect(await format('text.extract_email', text)).toBeNull();
  });

  it('stays fast on long runs that look almost like an address', async () => {
    expect(await format('text.extract_email', `${'a'.repeat(50_000)}@${'b'.repeat(50_000)}`)).toBeNull();
  });
});

describe('text.extract_url', () => {
  it.each([
    ['See https://example.com/path?q=1.', 'https://example.com/path?q=1'],
    ['(docs at http://x.org/a)', 'http://x.org/a'],
    ['https://en.wikipedia.org/wiki/Set_(music)', 'https://en.wikipedia.org/wiki/Set_(music)'],
    ['<a href="https://a.io/x">', 'https://a.io/x'],
    ['link:HTTPS://Example.com!', 'HTTPS://Example.com'],
  ])('finds the URL in %j', async (text, expected) => {
    expect(await format('text.extract_url', text)).toBe(expected);
  });

  it.each(['ftp://example.com', 'example.com', 'http://'])('gives null for %j', async (text) => {
    expect(await format('text.extract_url', text)).toBeNull();
  });
});

describe('text.extract_number', () => {
  it.each<[unknown, number]>([
    ['Total: $1,234.56 due', 1234.56],
    ['Temperature -4.5 degrees', -4.5],
    ['item-5', 5],
    ['pages 10-20', 10],
    ['version .5', 0.5],
    ['order 12,34', 12],
    [42, 42],
  ])('finds the number in %j', async (text, expected) => {
    expect(await format('text.extract_number', text)).toBe(expected);
  });

  it('gives null when there is none', async () => {
    expect(await format('text.extract_number', 'no digits')).toBeNull();
  });
});

describe('text.extract_pattern', () => {
  it('returns the first match with its groups', async () => {
    const result = await format('text.extract_pattern', 'Order #A-123 and #B-7', {
      pattern: '#(?<series>[A-Z])-(\\d+)(x)?',
    });
    expect(result).toEqual({ match: '#A-123', groups: ['A', '123', null], named: { series: 'A' }, index: 6 });
  });

  it('returns every match when all is true', async () => {
    const result = await format('text.extract_pattern', 'a1 b22', { pattern: '[a-z](\\d+)', all: true });
    expect(result).toEqual([
      { match: 'a1', groups: ['1'], named: {}, index: 0 },
      { match: 'b22', groups: ['22'], named: {}, index: 3 },
    ]);
  });

  it('honours flags', async () => {
    expect(await format('text.extract_pattern', 'ABC', { pattern: 'b', flags: 'i' })).toMatchObject({ match: 'B' });
  });

  it('gives null, or an empty list, when nothing matches', async () => {
    expect(await format('text.extract_pattern', 'abc', { pattern: '\\d' })).toBeNull();
    expect(await format('text.extract_pattern', 'abc', { pattern: '\\d', all: true })).toEqual([]);
  });

  it('copes with patterns that match the empty string', async () => {
    expect(await format('text.extract_pattern', 'ab', { pattern: 'x*', all: true })).toHaveLength(3);
  });

  it('rejects an invalid pattern with the reason', async () => {
    await expect(format('text.extract_pattern', 'abc', { pattern: '(' })).rejects.toMatchObject(
      invalid('options.pattern is not a valid regular expression'),
    );
  });

  it('rejects flags other than i, m, s and u, and over-long patterns', async () => {
    await expect(format('text.extract_pattern', 'abc', { pattern: 'a', flags: 'g' })).rejects.toThrow(/flags/);
    const pattern = 'a'.repeat(MAX_PATTERN_LENGTH + 1);
    await expect(format('text.extract_pattern', 'abc', { pattern })).rejects.toThrow();
  });

  it('refuses input over the length limit', async () => {
    await expect(
      format('text.extract_pattern', 'a'.repeat(MAX_PATTERN_INPUT + 1), { pattern: 'a' }),
    ).rejects.toMatchObject(invalid(`longer than ${MAX_PATTERN_INPUT}`));
  });

  it('stops a catastrophically backtracking pattern instead of hanging', async () => {
    await expect(
      format('text.extract_pattern', `${'a'.repeat(40)}!`, { pattern: '^(a+)+$' }),
    ).rejects.toMatchObject(invalid('took longer than'));
  });
});
