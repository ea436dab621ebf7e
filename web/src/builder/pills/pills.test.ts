import type { RecipeDefinition } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { insertPill } from './insert-pill';
import { pillLabel } from './pill-label';
import { joinPath, pillGroups, samplePills } from './pill-sources';
import { hasPill, templateSegments } from './template-segments';

describe('insertPill', () => {
  it('inserts {{path}} at the cursor and puts the cursor after it', () => {
    expect(insertPill('Hello !', { start: 6, end: 6 }, 'trigger.body.name')).toEqual({ text: 'Hello {{trigger.body.name}}!', cursor: 27 });
  });

  it('replaces a selection and clamps positions outside the text', () => {
    expect(insertPill('id: X', { start: 4, end: 5 }, 'steps.find.output.id').text).toBe('id: {{steps.find.output.id}}');
    expect(insertPill('ab', { start: 10, end: 12 }, 'x').text).toBe('ab{{x}}');
  });
});

describe('templateSegments', () => {
  it('splits text and pills, with pipes apart from the path', () => {
    expect(templateSegments('Order {{ trigger.body.id }} for {{steps.find.output.name | upper | default: "n/a"}}!')).toEqual([
      { kind: 'text', text: 'Order ' },
      { kind: 'pill', raw: '{{ trigger.body.id }}', path: 'trigger.body.id', pipes: '' },
      { kind: 'text', text: ' for ' },
      { kind: 'pill', raw: '{{steps.find.output.name | upper | default: "n/a"}}', path: 'steps.find.output.name', pipes: 'upper | default: "n/a"' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('keeps escaped and unclosed braces as text, and reads quoted }} and | as part of the expression', () => {
    expect(templateSegments('\\{{ not }} and {{ open')).toEqual([{ kind: 'text', text: '\\{{ not }} and {{ open' }]);
    expect(templateSegments('{{trigger.body["a|}}b"] | default: "}}"}}')).toEqual([
      { kind: 'pill', raw: '{{trigger.body["a|}}b"] | default: "}}"}}', path: 'trigger.body["a|}}b"]', pipes: 'default: "}}"' },
    ]);
  });

  it('round-trips: the segments put together are the original text', () => {
    for (const text of ['', 'plain', '{{a}}{{b}}', 'x {{ y | join: "," }} z \\{{ w']) {
      expect(templateSegments(text).map((s) => (s.kind === 'text' ? s.text : s.raw)).join('')).toBe(text);
    }
    expect(hasPill('a {{b}}')).toBe(true);
    expect(hasPill('a \\{{b}}')).toBe(false);
  });
});

describe('samplePills', () => {
  it('lists every value with its path, a label and a preview, lists through their first item', () => {
    const pills = samplePills({ body: { id: 7, 'first name': 'Ada', items: [{ sku: 'A1' }] } }, 'trigger');
    expect(pills).toEqual([
      { path: 'trigger.body', label: 'body', preview: '3 fields' },
      { path: 'trigger.body.id', label: 'body › id', preview: '7' },
      { path: 'trigger.body["first name"]', label: 'body › first name', preview: 'Ada' },
      { path: 'trigger.body.items', label: 'body › items', preview: 'list of 1' },
      { path: 'trigger.body.items[0]', label: 'body › items › item 1', preview: '1 fields' },
      { path: 'trigger.body.items[0].sku', label: 'body › items › item 1 › sku', preview: 'A1' },
    ]);
  });

  it('quotes names the template language would not read bare', () => {
    expect(joinPath('x', 'content-type')).toBe('x.content-type');
    expect(joinPath('x', '1st')).toBe('x["1st"]');
    expect(joinPath('x', 'constructor')).toBe('x["constructor"]');
  });

  it('bounds deep and wide samples', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 50; i++) deep = { a: deep };
    expect(samplePills(deep, 'trigger').length).toBe(6);
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(samplePills(wide, 'trigger').length).toBe(200);
  });
});

describe('pillGroups', () => {
  const definition: RecipeDefinition = {
    trigger: { use: 'core/webhook' },
    steps: [
      { id: 'find', use: 'core/http' },
      { id: 'each', use: 'core/loop', input: { items: '{{trigger.body.items}}' }, steps: [{ id: 'ping', use: 'core/http' }] },
      { id: 'last', use: 'core/http' },
    ],
  };
  const groupsFor = (stepId: string) =>
    pillGroups({ definition, stepId, triggerSample: { body: { id: 1 } }, stepSamples: { find: { status: 200 } }, stepTitle: (use) => use });

  it('offers the trigger and the steps before the edited one, with their samples', () => {
    expect(groupsFor('find').map((group) => group.id)).toEqual(['trigger']);
    const groups = groupsFor('last');
    expect(groups.map((group) => group.id)).toEqual(['trigger', 'find', 'each']);
    expect(groups[1]!.pills).toEqual([{ path: 'steps.find.output.status', label: 'status', preview: '200' }]);
    expect(groups[2]!.empty).toBe(true);
  });

  it('offers the loop item inside a loop', () => {
    expect(groupsFor('ping').map((group) => group.id)).toEqual(['trigger', 'loop', 'find']);
  });
});

describe('pillLabel', () => {
  it('names the source and the path below it', () => {
    expect(pillLabel('trigger.body.amount')).toBe('Trigger · body.amount');
    expect(pillLabel('steps.post.output.status')).toBe('post · status');
    expect(pillLabel('steps.post.output["a b"]')).toBe('post · ["a b"]');
    expect(pillLabel('steps.post.output', 'json')).toBe('post · output | json');
    expect(pillLabel('loop.item')).toBe('Loop · item');
  });
});
