import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

const scope = { obj: { a: [1, 'x'] }, text: 'héllo wörld ✓', s: 'quote "me"' };
const render = (text: string): unknown => renderTemplate(text, scope);

describe('encoding pipes', () => {
  it('json serialises any value, optionally indented', () => {
    expect(render('{{ obj | json }}')).toBe('{"a":[1,"x"]}');
    expect(render('{{ obj | json: 2 }}')).toBe('{\n  "a": [\n    1,\n    "x"\n  ]\n}');
    expect(render('{{ s | json }}')).toBe('"quote \\"me\\""');
    expect(render('{{ missing | json }}')).toBe('null');
  });

  it('base64 round-trips UTF-8 text', () => {
    expect(render('{{ text | base64 }}')).toBe(Buffer.from(scope.text).toString('base64'));
    expect(render('{{ text | base64 | base64decode }}')).toBe(scope.text);
    expect(renderTemplate('{{ v | base64decode }}', { v: 'aGk_\naGk' })).toBe('hi?hi');
  });

  it('base64decode rejects malformed input and binary data', () => {
    expect(() => renderTemplate('{{ v | base64decode }}', { v: 'not base64!' })).toThrow('value is not valid base64');
    expect(() => renderTemplate('{{ v | base64decode }}', { v: 'abcde' })).toThrow('value is not valid base64');
    expect(() => renderTemplate('{{ v | base64decode }}', { v: '//79' })).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_PIPE', pipe: 'base64decode', message: expect.stringContaining('not UTF-8') }),
    );
  });
});
