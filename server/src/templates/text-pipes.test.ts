import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

const scope = { s: '  Hello, World  ', word: 'élan', n: 42, obj: { a: 1 }, nil: null, emoji: 'a😀bc😀d' };
const render = (text: string): unknown => renderTemplate(text, scope);

describe('text pipes', () => {
  it('upper, lower, trim, capitalize', () => {
    expect(render('{{ s | upper }}')).toBe('  HELLO, WORLD  ');
    expect(render('{{ s | lower }}')).toBe('  hello, world  ');
    expect(render('{{ s | trim }}')).toBe('Hello, World');
    expect(render('{{ word | capitalize }}')).toBe('Élan');
    expect(render('{{ n | upper }}')).toBe('42');
    expect(render('{{ obj | upper }}')).toBe('{"A":1}');
  });

  it('replace replaces every literal occurrence', () => {
    expect(render('{{ s | trim | replace: "o", "0" }}')).toBe('Hell0, W0rld');
    expect(render('{{ s | trim | replace: ".", "!" }}')).toBe('Hello, World');
  });

  it('split', () => {
    expect(render('{{ s | trim | split: ", " }}')).toEqual(['Hello', 'World']);
  });

  it('truncate keeps the result within n, counting code points', () => {
    expect(render('{{ s | trim | truncate: 8 }}')).toBe('Hello...');
    expect(render('{{ s | trim | truncate: 20 }}')).toBe('Hello, World');
    expect(render('{{ s | trim | truncate: 6, "…" }}')).toBe('Hello…');
    expect(render('{{ s | trim | truncate: 2 }}')).toBe('He');
    expect(render('{{ emoji | truncate: 3, "" }}')).toBe('a😀b');
    expect(() => render('{{ s | truncate: -1 }}')).toThrow("pipe 'truncate' failed");
  });

  it('urlencode', () => {
    expect(render('{{ s | trim | urlencode }}')).toBe('Hello%2C%20World');
  });

  it('passes missing values through so default can catch them', () => {
    expect(render('{{ nil | upper }}')).toBeNull();
    expect(render('{{ missing | trim | upper | default: "n/a" }}')).toBe('n/a');
    expect(render('[{{ missing | upper }}]')).toBe('[]');
  });
});

describe('default', () => {
  it('applies to null, undefined and empty strings only', () => {
    expect(renderTemplate('{{ a | default: "x" }}', { a: null })).toBe('x');
    expect(renderTemplate('{{ a | default: "x" }}', {})).toBe('x');
    expect(renderTemplate('{{ a | default: "x" }}', { a: '' })).toBe('x');
    expect(renderTemplate('{{ a | default: "x" }}', { a: 0 })).toBe(0);
    expect(renderTemplate('{{ a | default: "x" }}', { a: false })).toBe(false);
    expect(renderTemplate('{{ a | default: 5 }}', {})).toBe(5);
    expect(renderTemplate('{{ a | default: null }}', {})).toBeNull();
  });
});
