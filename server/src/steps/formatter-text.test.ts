import { describe, expect, it } from 'vitest';
import { format, invalid } from './formatter-test-helpers.js';

describe('text case', () => {
  it('upper and lower', async () => {
    expect(await format('text.upper', 'Straße')).toBe('STRASSE');
    expect(await format('text.lower', 'HeLLo')).toBe('hello');
  });

  it('treats missing as empty text and other values as their text', async () => {
    expect(await format('text.upper', undefined)).toBe('');
    expect(await format('text.upper', null)).toBe('');
    expect(await format('text.upper', true)).toBe('TRUE');
    expect(await format('text.upper', ['a', 'b'])).toBe('A,B');
  });

  it('capitalize uppercases each word start and keeps the rest', async () => {
    expect(await format('text.capitalize', 'hello wORLD  élan')).toBe('Hello WORLD  Élan');
  });

  it('title lower-cases, then capitalizes all but minor words', async () => {
    expect(await format('text.title', 'THE lord OF the rings')).toBe('The Lord of the Rings');
    expect(await format('text.title', 'what it is for')).toBe('What It Is For');
  });

  it('trim', async () => {
    expect(await format('text.trim', '\n  spaced out \t')).toBe('spaced out');
  });

  it('accepts an empty options object for operations without options', async () => {
    expect(await format('text.trim', ' x ', {})).toBe('x');
  });
});

describe('text.replace', () => {
  it('replaces every occurrence by default, or only the first', async () => {
    expect(await format('text.replace', 'a-b-c', { find: '-', replace: '+' })).toBe('a+b+c');
    expect(await format('text.replace', 'a-b-c', { find: '-', replace: '+', all: false })).toBe('a+b-c');
  });

  it('matches literally and keeps $ patterns in the replacement literal', async () => {
    expect(await format('text.replace', 'price: 5.00', { find: '.', replace: '$&$1' })).toBe('price: 5$&$100');
  });

  it('deletes when replace is omitted', async () => {
    expect(await format('text.replace', 'a b c', { find: ' ' })).toBe('abc');
  });

  it('needs something to find', async () => {
    await expect(format('text.replace', 'abc', { find: '' })).rejects.toThrow();
    await expect(format('text.replace', 'abc')).rejects.toThrow();
  });
});

describe('text.split', () => {
  it('splits on commas and trims by default', async () => {
    expect(await format('text.split', 'a, b ,c')).toEqual(['a', 'b', 'c']);
  });

  it('honours separator and trim', async () => {
    expect(await format('text.split', 'a | b', { separator: '|', trim: false })).toEqual(['a ', ' b']);
  });

  it('returns an empty list for empty text', async () => {
    expect(await format('text.split', '')).toEqual([]);
  });
});

describe('text.truncate', () => {
  it('keeps short text', async () => {
    expect(await format('text.truncate', 'short', { length: 10, suffix: '…' })).toBe('short');
  });

  it('counts the suffix within the length', async () => {
    expect(await format('text.truncate', 'Hello world', { length: 8, suffix: '...' })).toBe('Hello...');
    expect(await format('text.truncate', 'Hello world', { length: 5 })).toBe('Hello');
  });

  it('never splits an emoji and cuts an over-long suffix', async () => {
    expect(await format('text.truncate', '😀😀😀', { length: 2 })).toBe('😀😀');
    expect(await format('text.truncate', 'abcdef', { length: 2, suffix: '....' })).toBe('..');
  });

  it('requires a non-negative integer length', async () => {
    await expect(format('text.truncate', 'abc', { length: -1 })).rejects.toThrow();
    await expect(format('text.truncate', 'abc', { length: 1.5 })).rejects.toThrow();
  });
});

describe('counting', () => {
  it('length counts characters, not UTF-16 units', async () => {
    expect(await format('text.length', 'héllo😀')).toBe(6);
    expect(await format('text.length', null)).toBe(0);
  });

  it('word_count counts runs of non-space characters', async () => {
    expect(await format('text.word_count', '  one two\nthree  ')).toBe(3);
    expect(await format('text.word_count', '')).toBe(0);
  });
});

describe('text.slugify', () => {
  it('lower-cases, drops accents and joins words with dashes', async () => {
    expect(await format('text.slugify', '  Crème Brûlée: 2 Ways! ')).toBe('creme-brulee-2-ways');
  });

  it('keeps letters of other scripts', async () => {
    expect(await format('text.slugify', 'Привет мир')).toBe('привет-мир');
  });
});

describe('text.default', () => {
  it('replaces missing, null and "" only', async () => {
    expect(await format('text.default', undefined, { value: 'n/a' })).toBe('n/a');
    expect(await format('text.default', null, { value: 'n/a' })).toBe('n/a');
    expect(await format('text.default', '', { value: 0 })).toBe(0);
    expect(await format('text.default', 0, { value: 'n/a' })).toBe(0);
    expect(await format('text.default', ' ', { value: 'n/a' })).toBe(' ');
  });
});

describe('text.remove_html', () => {
  it('strips tags, scripts, styles and comments, keeping line breaks', async () => {
    const html = '<style>p{}</style><p>Hello <b>world</b></p><!-- hidden --><script>alert(1)</script>Bye<br/>now';
    expect(await format('text.remove_html', html)).toBe('Hello world\nBye\nnow');
  });

  it('decodes named and numeric entities', async () => {
    expect(await format('text.remove_html', 'Tom &amp; Jerry &lt;3 &#169; &#x1F600; &unknown;')).toBe(
      'Tom & Jerry <3 © 😀 &unknown;',
    );
  });

  it('leaves an out-of-range numeric entity as it is', async () => {
    expect(await format('text.remove_html', '&#99999999;')).toBe('&#99999999;');
  });
});

describe('URL encoding', () => {
  it('round-trips reserved characters and unicode', async () => {
    expect(await format('text.url_encode', 'a b&c=d/é')).toBe('a%20b%26c%3Dd%2F%C3%A9');
    expect(await format('text.url_decode', 'a%20b%26c%3Dd%2F%C3%A9')).toBe('a b&c=d/é');
  });

  it('decodes form-style plus signs as spaces', async () => {
    expect(await format('text.url_decode', 'a+b%2Bc')).toBe('a b+c');
  });

  it('rejects malformed escapes', async () => {
    await expect(format('text.url_decode', '100%')).rejects.toMatchObject(invalid('URL-encoded'));
  });
});

describe('base64', () => {
  it('round-trips UTF-8 text', async () => {
    expect(await format('text.base64_encode', 'héllo ✓')).toBe('aMOpbGxvIOKckw==');
    expect(await format('text.base64_decode', 'aMOpbGxvIOKckw==')).toBe('héllo ✓');
  });

  it('accepts URL-safe alphabet, missing padding and line breaks', async () => {
    expect(await format('text.base64_decode', 'Pz8_')).toBe('???');
    expect(await format('text.base64_decode', 'aGk')).toBe('hi');
    expect(await format('text.base64_decode', 'aGVs\nbG8=')).toBe('hello');
  });

  it('rejects invalid characters instead of skipping them', async () => {
    await expect(format('text.base64_decode', 'aGk*')).rejects.toMatchObject(invalid('not valid base64'));
    await expect(format('text.base64_decode', 'a')).rejects.toMatchObject(invalid('not valid base64'));
  });

  it('rejects binary that is not UTF-8 text', async () => {
    await expect(format('text.base64_decode', '/w==')).rejects.toMatchObject(invalid('UTF-8'));
  });
});
