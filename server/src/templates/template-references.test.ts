import { describe, expect, it } from 'vitest';
import { templateReferences, validateTemplates } from './template-references.js';

const input = {
  url: 'https://x/{{ steps.find.output.id }}',
  json: { amount: '{{ trigger.body.amount | round: 2 }} and {{ loop.item }}', list: ['{{ steps.a["b/c~d"] }}', 4] },
  'a/b~c': { x: '{{ trigger.headers.content-type }}' },
  literal: '\\{{ steps.never }} plain',
  broken: '{{ steps.bad | nope }}',
};

describe('templateReferences', () => {
  it('lists every expression path with the JSON pointer of its string', () => {
    expect(templateReferences(input)).toEqual([
      { path: ['steps', 'find', 'output', 'id'], pointer: '/url' },
      { path: ['trigger', 'body', 'amount'], pointer: '/json/amount' },
      { path: ['loop', 'item'], pointer: '/json/amount' },
      { path: ['steps', 'a', 'b/c~d'], pointer: '/json/list/0' },
      { path: ['trigger', 'headers', 'content-type'], pointer: '/a~1b~0c/x' },
    ]);
  });

  it('handles a bare string and values without templates', () => {
    expect(templateReferences('{{ a }}')).toEqual([{ path: ['a'], pointer: '' }]);
    expect(templateReferences({ a: 1, b: null, c: [true] })).toEqual([]);
  });

  it('returns copies that cannot corrupt the parse cache', () => {
    const [first] = templateReferences('{{ mutate.me }}');
    first?.path.push('oops');
    expect(templateReferences('{{ mutate.me }}')).toEqual([{ path: ['mutate', 'me'], pointer: '' }]);
  });
});

describe('validateTemplates', () => {
  it('reports every syntax error with its pointer instead of throwing', () => {
    expect(validateTemplates({ ...input, more: ['ok', '{{ a', { deep: '{{ }}' }] })).toEqual([
      { pointer: '/broken', message: "unknown pipe 'nope' at position 15" },
      { pointer: '/more/1', message: 'unclosed {{ at position 0' },
      { pointer: '/more/2/deep', message: 'empty expression at position 0' },
    ]);
  });

  it('returns nothing for valid templates', () => {
    expect(validateTemplates(input.json)).toEqual([]);
  });
});
