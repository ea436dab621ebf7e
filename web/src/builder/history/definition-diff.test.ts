import type { RecipeDefinition } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { definitionDiff, fieldChanges, isEmptyDiff, showValue } from './definition-diff';

const base: RecipeDefinition = {
  trigger: { use: 'core/webhook' },
  steps: [
    { id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: 'hi' } },
    {
      id: 'each',
      use: 'core/loop',
      input: { items: '{{trigger.body.items}}' },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: 'http://a.test/', headers: { 'x-a': '1' } } }],
    },
  ],
};

const edit = (change: (copy: RecipeDefinition) => void): RecipeDefinition => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe('definitionDiff', () => {
  it('finds nothing between equal definitions', () => {
    expect(isEmptyDiff(definitionDiff(base, structuredClone(base)))).toBe(true);
  });

  it('reports changed input fields of a nested step with old and new values', () => {
    const after = edit((copy) => {
      const post = copy.steps[1]!.steps![0]!;
      post.input = { ...post.input, url: 'http://b.test/', headers: { 'x-a': '2', 'x-b': 'new' } };
    });
    expect(definitionDiff(base, after).steps).toEqual([
      {
        kind: 'changed',
        id: 'post',
        use: 'core/http',
        name: undefined,
        moved: null,
        fields: [
          { field: 'input/url', before: 'http://a.test/', after: 'http://b.test/' },
          { field: 'input/headers/x-a', before: '1', after: '2' },
          { field: 'input/headers/x-b', before: undefined, after: 'new' },
        ],
      },
    ]);
  });

  it('does not count a child step change against its parent', () => {
    const after = edit((copy) => {
      copy.steps[1]!.steps![0]!.input!['method'] = 'PUT';
    });
    expect(definitionDiff(base, after).steps.map((step) => step.id)).toEqual(['post']);
  });

  it('lists added steps in reading order and removed steps after them', () => {
    const after = edit((copy) => {
      copy.steps.splice(0, 1, { id: 'wait', use: 'core/delay', input: { ms: 1000 } });
    });
    expect(definitionDiff(base, after).steps.map((step) => [step.kind, step.id])).toEqual([
      ['added', 'wait'],
      ['removed', 'shout'],
    ]);
  });

  it('reports a step moved to another list, and trigger and settings changes', () => {
    const after = edit((copy) => {
      const post = copy.steps[1]!.steps!.pop()!;
      copy.steps.push(post);
      copy.trigger = { use: 'core/schedule', input: { cron: '0 * * * *' } };
      copy.settings = { maxConcurrency: 2 };
    });
    const diff = definitionDiff(base, after);
    expect(diff.steps).toEqual([expect.objectContaining({ id: 'post', moved: { from: 'each.steps', to: 'root' }, fields: [] })]);
    expect(diff.trigger).toEqual([
      { field: 'use', before: 'core/webhook', after: 'core/schedule' },
      { field: 'input/cron', before: undefined, after: '0 * * * *' },
    ]);
    expect(diff.settings).toEqual([{ field: 'maxConcurrency', before: undefined, after: 2 }]);
  });
});

describe('fieldChanges', () => {
  it('treats a list of scalars as one value and a list of objects by index', () => {
    expect(fieldChanges({ tags: ['a'] }, { tags: ['a', 'b'] })).toEqual([{ field: 'tags', before: ['a'], after: ['a', 'b'] }]);
    expect(fieldChanges({ rows: [{ a: 1 }] }, { rows: [{ a: 2 }] })).toEqual([{ field: 'rows/0/a', before: 1, after: 2 }]);
  });
});

describe('showValue', () => {
  it('shows strings as written, other values as JSON, absent as a dash, long ones cut', () => {
    expect([showValue('x'), showValue(3), showValue({ a: 1 }), showValue(undefined), showValue('abcdef', 4)]).toEqual(['x', '3', '{"a":1}', '—', 'abc…']);
  });
});
