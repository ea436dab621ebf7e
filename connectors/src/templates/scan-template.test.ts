import { describe, expect, it } from 'vitest';
import { scanTemplate } from './scan-template.js';

describe('scanTemplate', () => {
  it('reads the root and first segment of every expression', () => {
    expect(scanTemplate('/a/{{ input.id }}/{{connection["base url"] | default: "}}"}}/{{item}}/{{ body.items[0].id }}').references).toEqual([
      { root: 'input', first: 'id' },
      { root: 'connection', first: 'base url' },
      { root: 'item' },
      { root: 'body', first: 'items' },
    ]);
    expect(scanTemplate('{{headers.content-type}} {{steps[2]}}').references).toEqual([
      { root: 'headers', first: 'content-type' },
      { root: 'steps', first: '2' },
    ]);
  });

  it('reads braces right before {{ as text, as the server does', () => {
    expect(scanTemplate("AND({{{input.field}}} = '{{input.value}}')")).toEqual({ references: [{ root: 'input', first: 'field' }, { root: 'input', first: 'value' }], errors: [] });
  });

  it('skips escaped \\{{ and text without templates', () => {
    expect(scanTemplate('literal \\{{input.x}} and plain').references).toEqual([]);
  });

  it('reports an unclosed {{ and an expression without a path', () => {
    expect(scanTemplate('a {{input.x').errors).toEqual(['has an unclosed "{{" at position 2']);
    expect(scanTemplate('{{ | upper }}').errors).toEqual(['has an expression without a path at position 0']);
  });
});
