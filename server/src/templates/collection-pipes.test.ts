import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

const scope = { list: ['a', 'b', 'c', null], empty: [], text: 'h😀llo', obj: { x: 1, y: [2] }, n: 5 };
const render = (text: string): unknown => renderTemplate(text, scope);

describe('collection pipes', () => {
  it('first and last on lists and text', () => {
    expect(render('{{ list | first }}')).toBe('a');
    expect(render('{{ list | slice: 0, 3 | last }}')).toBe('c');
    expect(render('{{ text | first }}')).toBe('h');
    expect(render('{{ text | slice: 1, 2 | last }}')).toBe('😀');
    expect(render('{{ empty | first }}')).toBeNull();
    expect(render('{{ empty | last | default: "none" }}')).toBe('none');
  });

  it('length counts list items, code points and object keys; missing is 0', () => {
    expect(render('{{ list | length }}')).toBe(4);
    expect(render('{{ text | length }}')).toBe(5);
    expect(render('{{ obj | length }}')).toBe(2);
    expect(render('{{ missing | length }}')).toBe(0);
    expect(() => render('{{ n | length }}')).toThrow('length needs a list or text, got 5');
  });

  it('slice with negative and open ends', () => {
    expect(render('{{ list | slice: 1 }}')).toEqual(['b', 'c', null]);
    expect(render('{{ list | slice: -2, -1 }}')).toEqual(['c']);
    expect(render('{{ text | slice: 1, 3 }}')).toBe('😀l');
  });

  it('join stringifies items like interpolation does', () => {
    expect(render('{{ list | join: ", " }}')).toBe('a, b, c, ');
    expect(render('{{ list | slice: 0, 2 | join }}')).toBe('a,b');
    expect(renderTemplate('{{ v | join: "-" }}', { v: [1, { a: 1 }, true] })).toBe('1-{"a":1}-true');
    expect(() => render('{{ text | join: "," }}')).toThrow(expect.objectContaining({ code: 'TEMPLATE_PIPE', pipe: 'join' }));
  });

  it('objects wraps each item of a list, or of comma-separated text, in an object under the key', () => {
    expect(render('{{ list | slice: 0, 2 | objects: "name" }}')).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(renderTemplate('{{ v | objects: "id" }}', { v: ' u1, u2 ,,u3' })).toEqual([{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }]);
    expect(render('{{ empty | objects: "name" }}')).toEqual([]);
    expect(renderTemplate('{{ v | objects: "name" }}', { v: '' })).toEqual([]);
    expect(render('{{ missing | objects: "name" }}')).toBeNull();
    expect(() => render('{{ n | objects: "name" }}')).toThrow('objects needs a list or text, got 5');
    expect(() => render('{{ list | objects: "" }}')).toThrow('objects needs a key name');
  });

  it('keys and values of objects', () => {
    expect(render('{{ obj | keys }}')).toEqual(['x', 'y']);
    expect(render('{{ obj | values }}')).toEqual([1, [2]]);
    expect(() => render('{{ list | keys }}')).toThrow('keys needs an object');
    expect(() => render('{{ text | values }}')).toThrow('values needs an object');
  });

  it('errors on values that are not collections', () => {
    expect(() => render('{{ n | first }}')).toThrow(expect.objectContaining({ code: 'TEMPLATE_PIPE', pipe: 'first' }));
    expect(() => render('{{ obj | slice: 1 }}')).toThrow('slice needs a list or text');
  });
});
