import { describe, expect, it } from 'vitest';
import type { StepContext } from './define-step.js';
import { formatterInputSchema, formatterStep, operations } from './formatter-step.js';

const ctx = { now: () => 0 } as StepContext;

describe('core/formatter', () => {
  it('is a pure core step', () => {
    expect(formatterStep.key).toBe('core/formatter');
    expect(formatterStep.sideEffect).toBe(false);
  });

  it('wraps the result as { value }', async () => {
    const input = formatterStep.input.parse({ operation: 'text.upper', value: 'hi' });
    expect(await formatterStep.run(input, ctx)).toEqual({ kind: 'done', output: { value: 'HI' } });
  });

  it('rejects an unknown operation when validating', () => {
    expect(formatterInputSchema.safeParse({ operation: 'text.superhero', value: 'x' }).success).toBe(false);
    expect(formatterInputSchema.safeParse({ value: 'x' }).success).toBe(false);
  });

  it('validates options per operation', () => {
    const chunk = (options: unknown) => formatterInputSchema.safeParse({ operation: 'list.chunk', value: [], options });
    expect(chunk({ size: 2 }).success).toBe(true);
    expect(chunk({ length: 2 }).success).toBe(false);
  });

  it('reports an unknown operation from a direct caller as invalid input', async () => {
    const input = { operation: 'text.nope', value: 1, options: undefined };
    await expect(formatterStep.run(input, ctx)).rejects.toMatchObject({ code: 'FORMATTER_INVALID_INPUT' });
  });
});

describe('operations catalogue', () => {
  it('lists each operation once as family.name with a description', () => {
    const names = operations.map((operation) => operation.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { name, description } of operations) {
      expect(name).toMatch(/^(text|number|date|list)\.[a-z_0-9]+$/);
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it('covers every family', () => {
    const names = operations.map((operation) => operation.name);
    expect(names).toEqual(
      expect.arrayContaining(['text.extract_pattern', 'number.parse', 'date.compare', 'list.pluck', 'list.chunk']),
    );
    expect(names).toHaveLength(47);
  });

  it('accepts every catalogued name', () => {
    for (const { name } of operations) {
      expect(formatterInputSchema.options.some((option) => option.shape.operation.value === name)).toBe(true);
    }
  });
});
