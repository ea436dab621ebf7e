import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';
import { TemplateError } from './template-error.js';

const scope = {
  trigger: {
    body: { id: 'ord_1', amount: 120.5, paid: true, note: null, items: [{ sku: 'A' }, { sku: 'B' }], meta: { a: 1 } },
  },
  steps: { find: { output: { id: 7 } } },
  loop: { item: 'x', index: 0 },
};

describe('renderTemplate', () => {
  it('keeps the type of a whole-field expression, whitespace around allowed', () => {
    expect(renderTemplate('{{ trigger.body.amount }}', scope)).toBe(120.5);
    expect(renderTemplate('  {{trigger.body.paid}}\n', scope)).toBe(true);
    expect(renderTemplate('{{ trigger.body.items }}', scope)).toEqual([{ sku: 'A' }, { sku: 'B' }]);
    expect(renderTemplate('{{ trigger.body.meta }}', scope)).toEqual({ a: 1 });
    expect(renderTemplate('{{ trigger.body.note }}', scope)).toBeNull();
    expect(renderTemplate('{{ loop.index }}', scope)).toBe(0);
  });

  it('renders a missing whole-field value as null', () => {
    expect(renderTemplate('{{ trigger.body.nope.deeper }}', scope)).toBeNull();
    expect(renderTemplate('{{ nothing }}', {})).toBeNull();
  });

  it('interpolates everything else into a string', () => {
    expect(renderTemplate('Order {{ trigger.body.id }}: {{ trigger.body.amount }} ({{ trigger.body.paid }})', scope)).toBe(
      'Order ord_1: 120.5 (true)',
    );
    expect(renderTemplate('{{ trigger.body.items }}!', scope)).toBe('[{"sku":"A"},{"sku":"B"}]!');
    expect(renderTemplate('[{{ trigger.body.note }}|{{ trigger.body.nope }}]', scope)).toBe('[|]');
    expect(renderTemplate('{{ loop.item }}{{ loop.index }}', scope)).toBe('x0');
  });

  it('walks nested objects and arrays, leaving non-strings and keys alone', () => {
    const input = {
      '{{ trigger.body.id }}': 'key is literal',
      json: { id: '{{ trigger.body.id }}', amount: '{{ trigger.body.amount }}', list: ['{{ steps.find.output.id }}', 3, null, false] },
      n: 5,
    };
    expect(renderTemplate(input, scope)).toEqual({
      '{{ trigger.body.id }}': 'key is literal',
      json: { id: 'ord_1', amount: 120.5, list: [7, 3, null, false] },
      n: 5,
    });
  });

  it('does not mutate the input', () => {
    const input = { a: ['{{ trigger.body.id }}'] };
    renderTemplate(input, scope);
    expect(input).toEqual({ a: ['{{ trigger.body.id }}'] });
  });

  it('returns strings without {{ untouched, including lone backslashes and }}', () => {
    expect(renderTemplate('plain \\ text }}', scope)).toBe('plain \\ text }}');
  });

  it('renders escaped braces literally', () => {
    expect(renderTemplate('\\{{ trigger.body.id }} is {{ trigger.body.id }}', scope)).toBe('{{ trigger.body.id }} is ord_1');
    expect(renderTemplate('\\{{ trigger.body.id }}', scope)).toBe('{{ trigger.body.id }}');
  });

  it('never re-evaluates template output', () => {
    const hostile = { trigger: { body: { name: '{{ secret }}', nested: { x: '{{ secret }}' } } }, secret: 's3cr3t' };
    expect(renderTemplate('{{ trigger.body.name }}', hostile)).toBe('{{ secret }}');
    expect(renderTemplate('Hi {{ trigger.body.name }}', hostile)).toBe('Hi {{ secret }}');
    expect(renderTemplate('{{ trigger.body.nested }}', hostile)).toEqual({ x: '{{ secret }}' });
    expect(renderTemplate('{{ trigger.body.name | upper }}', hostile)).toBe('{{ SECRET }}');
  });

  it('does not resolve prototype members through paths', () => {
    expect(renderTemplate('{{ trigger.constructor }}', scope)).toBeNull();
    expect(renderTemplate('{{ trigger.__proto__ }}', scope)).toBeNull();
    expect(renderTemplate('{{ trigger.body.id.length }}', scope)).toBeNull();
    expect(renderTemplate('{{ trigger.toString }}', scope)).toBeNull();
    expect(renderTemplate('{{ trigger["constructor"]["prototype"] }}', scope)).toBeNull();
  });

  it('keeps hostile keys as plain data without polluting prototypes', () => {
    const input = JSON.parse(
      '{"__proto__": {"polluted": "{{ trigger.body.id }}"}, "constructor": {"prototype": {"polluted": 1}}, "prototype": "x"}',
    ) as unknown;
    const output = renderTemplate(input, scope) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect((output as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(output)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(JSON.parse(JSON.stringify(output))).toEqual(
      JSON.parse('{"__proto__": {"polluted": "ord_1"}, "constructor": {"prototype": {"polluted": 1}}, "prototype": "x"}'),
    );
  });

  it('keeps hostile keys from resolved scope values inert too', () => {
    const hostile = { trigger: JSON.parse('{"__proto__": {"polluted": true}}') as unknown };
    const output = renderTemplate({ copy: '{{ trigger }}' }, hostile) as { copy: object };
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(renderTemplate('{{ trigger.__proto__.polluted }}', hostile)).toBeNull();
    expect(Object.getPrototypeOf(output.copy)).toBe(Object.prototype);
  });

  it('throws pipe failures as TEMPLATE_PIPE with the pipe name and position', () => {
    const text = 'Total {{ trigger.body.id | number }}';
    expect(() => renderTemplate({ a: [text] }, scope)).toThrow(TemplateError);
    try {
      renderTemplate(text, scope);
    } catch (error) {
      expect(error).toMatchObject({
        code: 'TEMPLATE_PIPE',
        pipe: 'number',
        source: text,
        position: 27,
        message: `pipe 'number' failed in {{ trigger.body.id | number }}: cannot convert "ord_1" to a number`,
      });
    }
    expect.assertions(2);
  });

  it('throws syntax errors when rendering', () => {
    expect(() => renderTemplate({ a: 'x {{ y' }, scope)).toThrow('unclosed {{ at position 2');
  });
});
