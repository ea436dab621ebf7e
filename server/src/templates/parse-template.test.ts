import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.js';
import { TemplateError } from './template-error.js';

function syntaxError(text: string): TemplateError {
  try {
    parseTemplate(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseTemplate', () => {
  it('splits text and expressions with paths, indexes, quoted keys and pipes', () => {
    const text = 'Hi {{ trigger.body.items[0]["first name"] | default: "n/a" | upper }}!';
    expect(parseTemplate(text)).toEqual([
      { kind: 'text', text: 'Hi ' },
      {
        kind: 'expression',
        path: ['trigger', 'body', 'items', '0', 'first name'],
        pipes: [
          { name: 'default', args: ['n/a'], position: 44 },
          { name: 'upper', args: [], position: 61 },
        ],
        source: text.slice(3, -1),
        position: 3,
      },
      { kind: 'text', text: '!' },
    ]);
  });

  it('accepts names with dashes and digits, no whitespace, and single-quoted keys', () => {
    const [part] = parseTemplate("{{trigger.headers.content-type[ 'x.y' ].0}}");
    expect(part).toMatchObject({ path: ['trigger', 'headers', 'content-type', 'x.y', '0'] });
  });

  it('reads every literal kind as pipe arguments', () => {
    const [part] = parseTemplate(String.raw`{{ a | default: "say \"hi\"\n" | replace: 'it\'s', "" | slice: -2, 10 | default: true }}`);
    expect(part).toMatchObject({
      pipes: [
        { name: 'default', args: ['say "hi"\n'] },
        { name: 'replace', args: ["it's", ''] },
        { name: 'slice', args: [-2, 10] },
        { name: 'default', args: [true] },
      ],
    });
    const [nullDefault] = parseTemplate('{{ a | default: null | plus: 1.5e2 }}');
    expect(nullDefault).toMatchObject({ pipes: [{ args: [null] }, { args: [150] }] });
  });

  it('keeps pipe string arguments containing }} or |', () => {
    const [part] = parseTemplate('{{ a | default: "}} | {{" }}');
    expect(part).toMatchObject({ pipes: [{ name: 'default', args: ['}} | {{'] }] });
  });

  it('turns \\{{ into a literal {{ and leaves the rest as text', () => {
    expect(parseTemplate(String.raw`a \{{ b }} {{ c }}`)).toEqual([
      { kind: 'text', text: 'a {{ b }} ' },
      expect.objectContaining({ path: ['c'] }),
    ]);
    expect(parseTemplate('no braces }} here')).toEqual([{ kind: 'text', text: 'no braces }} here' }]);
    expect(parseTemplate('')).toEqual([]);
  });

  it('reads braces right before {{ as text, so {{{x}}} is a value in braces (Airtable formulas)', () => {
    expect(parseTemplate("{{{input.field}}} = 'x'")).toEqual([
      { kind: 'text', text: '{' },
      expect.objectContaining({ path: ['input', 'field'] }),
      { kind: 'text', text: "} = 'x'" },
    ]);
    expect(parseTemplate(String.raw`\{{{x}}}`)).toEqual([{ kind: 'text', text: '{{{x}}}' }]);
  });

  it.each([
    ['hello world {{ name', 'unclosed {{ at position 12', 12],
    ['{{ a | default: "}}" ', 'unclosed {{ at position 0', 0],
    ['{{ }}', 'empty expression at position 0', 0],
    ['{{ name | uper }}', "unknown pipe 'uper' at position 10", 10],
    ['{{ name | constructor }}', "unknown pipe 'constructor' at position 10", 10],
    ['{{ a. }}', 'unexpected " " at position 5, expected a name', 5],
    ['{{ a b }}', `unexpected "b" at position 5, expected '|' or '}}'`, 5],
    ['{{ a[x] }}', 'unexpected "x" at position 5, expected an index or a quoted key', 5],
    ['{{ a[0 }}', `unexpected "}" at position 7, expected ']'`, 7],
    ['{{ a | }}', 'unexpected "}" at position 7, expected a pipe name', 7],
    ['{{ a | default: "x }}', 'unterminated string at position 16', 16],
    ['{{ a | default: nope }}', 'expected a string, number, true, false or null at position 16', 16],
    ['{{ a | default }}', "pipe 'default' needs 1 argument at position 7", 7],
    ['{{ a | replace: "x" }}', "pipe 'replace' needs 2 arguments at position 7", 7],
    ['{{ a | upper: 1 }}', "pipe 'upper' takes no arguments at position 14", 14],
    ['{{ a | round: 1, 2 }}', "pipe 'round' takes at most 1 argument at position 17", 17],
    ['{{ a | round: "2" }}', "pipe 'round' argument 1 must be an integer at position 14", 14],
    ['{{ a | round: 1.5 }}', "pipe 'round' argument 1 must be an integer at position 14", 14],
    ['{{ a | plus: "1" }}', "pipe 'plus' argument 1 must be a number at position 13", 13],
    ['{{ a | date: 1 }}', "pipe 'date' argument 1 must be a string at position 13", 13],
    ['ok {{ a }} then {{ b | }}', 'unexpected "}" at position 23, expected a pipe name', 23],
  ])('rejects %j', (text, message, position) => {
    const error = syntaxError(text);
    expect(error).toMatchObject({ code: 'TEMPLATE_SYNTAX', message, position, source: text });
  });
});
