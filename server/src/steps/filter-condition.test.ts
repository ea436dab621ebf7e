import { describe, expect, it } from 'vitest';
import {
  conditionGroupSchema,
  conditionSchema,
  evaluateCondition,
  explainCondition,
  filterOperators,
  type Condition,
  type FilterOperator,
} from './filter-condition.js';

const rule = (left: unknown, op: FilterOperator, right?: unknown): Condition => ({ left, op, right });

describe('evaluateCondition: rules', () => {
  it.each<[unknown, FilterOperator, unknown, boolean]>([
    // eq / ne with coercion
    ['100', 'eq', 100, true],
    ['100.00', 'eq', '100', true],
    ['paid', 'eq', 'paid', true],
    ['Paid', 'eq', 'paid', false],
    [true, 'eq', 'true', true],
    ['2024-01-01T00:00:00Z', 'eq', '2024-01-01', true],
    ['a', 'ne', 'b', true],
    [5, 'ne', '5', false],
    // ordering: numbers, dates, then text
    ['150', 'gt', 100, true],
    ['50', 'gt', 100, false],
    ['9', 'lt', '10', true],
    [100, 'gte', '100', true],
    [100, 'lte', 99.5, false],
    ['2024-03-01', 'gt', '2024-02-28T23:59:59Z', true],
    ['banana', 'gt', 'apple', true],
    ['B', 'lt', 'a', true],
    // ordering never holds against a missing side
    [undefined, 'lt', 100, false],
    ['', 'gte', 0, false],
    [5, 'gt', null, false],
    // contains: text (case-sensitive) and lists
    ['Hello world', 'contains', 'world', true],
    ['Hello world', 'contains', 'World', false],
    [['a', 'b'], 'contains', 'b', true],
    [[1, 2, 3], 'contains', '2', true],
    [['ab'], 'contains', 'a', false],
    [12345, 'contains', 234, true],
    ['Hello', 'not_contains', 'x', true],
    [['x'], 'not_contains', 'x', false],
    // starts_with / ends_with
    ['invoice-42', 'starts_with', 'invoice-', true],
    ['invoice-42', 'starts_with', 'Invoice', false],
    ['report.pdf', 'ends_with', '.pdf', true],
    [1200, 'ends_with', '00', true],
    // in: list or comma-separated text
    ['b', 'in', ['a', 'b'], true],
    ['2', 'in', [1, 2], true],
    ['gold', 'in', 'silver, gold ,bronze', true],
    ['old', 'in', 'silver, gold', false],
    ['x', 'in', 'x', true],
    ['x', 'in', undefined, false],
  ])('%j %s %j is %s', (left, op, right, expected) => {
    expect(evaluateCondition(rule(left, op, right))).toBe(expected);
  });

  it.each<[unknown, boolean]>([
    ['x', true],
    [0, true],
    [false, true],
    [' ', true],
    [[], true],
    ['', false],
    [null, false],
    [undefined, false],
  ])('exists %j is %s, not_exists the opposite', (left, expected) => {
    expect(evaluateCondition(rule(left, 'exists'))).toBe(expected);
    expect(evaluateCondition(rule(left, 'not_exists'))).toBe(!expected);
  });

  it.each<[unknown, boolean, boolean]>([
    [true, true, false],
    ['true', true, false],
    [' TRUE ', true, false],
    [1, true, false],
    ['1', true, false],
    [false, false, true],
    ['false', false, true],
    [0, false, true],
    ['0', false, true],
    [null, false, false],
    ['yes', false, false],
    [2, false, false],
  ])('is_true %j is %s, is_false is %s', (left, isTrue, isFalse) => {
    expect(evaluateCondition(rule(left, 'is_true'))).toBe(isTrue);
    expect(evaluateCondition(rule(left, 'is_false'))).toBe(isFalse);
  });
});

describe('evaluateCondition: groups', () => {
  const big = rule(150, 'gt', 100);
  const small = rule(50, 'gt', 100);

  it('all needs every condition, any needs one', () => {
    expect(evaluateCondition({ all: [big, big] })).toBe(true);
    expect(evaluateCondition({ all: [big, small] })).toBe(false);
    expect(evaluateCondition({ any: [small, big] })).toBe(true);
    expect(evaluateCondition({ any: [small, small] })).toBe(false);
  });

  it('nests groups', () => {
    expect(evaluateCondition({ all: [big, { any: [small, { all: [big] }] }] })).toBe(true);
    expect(evaluateCondition({ any: [small, { all: [big, small] }] })).toBe(false);
  });
});

describe('conditionSchema', () => {
  it('accepts every operator', () => {
    for (const op of filterOperators) expect(conditionSchema.parse({ left: 1, op, right: 2 })).toMatchObject({ op });
  });

  it('accepts nested groups and a label', () => {
    const condition = {
      all: [{ left: 1, op: 'eq', right: 1, label: 'amount' }, { any: [{ left: 'x', op: 'exists' }] }],
    };
    expect(conditionSchema.parse(condition)).toEqual(condition);
  });

  it('rejects an unknown operator', () => {
    expect(conditionSchema.safeParse({ left: 1, op: 'greater_than', right: 2 }).success).toBe(false);
  });

  it('rejects misspelt keys and groups that are both all and any, instead of dropping them', () => {
    expect(conditionSchema.safeParse({ left: 1, op: 'eq', rigth: 2 }).success).toBe(false);
    expect(conditionSchema.safeParse({ all: [{ left: 1, op: 'exists' }], any: [] }).success).toBe(false);
  });

  it('rejects empty groups, which would pass or block everything silently', () => {
    expect(conditionSchema.safeParse({ all: [] }).success).toBe(false);
    expect(conditionSchema.safeParse({ any: [{ all: [] }] }).success).toBe(false);
  });

  it('accepts only groups at the top of a filter', () => {
    expect(conditionGroupSchema.safeParse({ left: 1, op: 'eq', right: 1 }).success).toBe(false);
    expect(conditionGroupSchema.safeParse({ any: [{ left: 1, op: 'eq', right: 1 }] }).success).toBe(true);
  });
});

describe('explainCondition', () => {
  it('says why a labelled rule failed', () => {
    expect(explainCondition({ left: 50, op: 'gt', right: 100, label: 'amount' })).toBe(
      'amount (50) is not greater than 100',
    );
  });

  it('says why a rule held, quoting text and naming empty values', () => {
    expect(explainCondition(rule('paid', 'eq', 'paid'))).toBe('"paid" equals "paid"');
    expect(explainCondition({ left: '', op: 'exists', label: 'email' })).toBe('email (empty) does not exist');
    expect(explainCondition(rule('a', 'ne', 'a'))).toBe('"a" equals "a"');
  });

  it('shortens long values', () => {
    const text = explainCondition(rule('x'.repeat(200), 'eq', 'y'));
    expect(text.length).toBeLessThan(100);
    expect(text).toContain('…');
  });

  it('names only the failing conditions of a failed all-group', () => {
    const condition: Condition = {
      all: [
        { left: 150, op: 'gt', right: 100, label: 'amount' },
        { left: 'EUR', op: 'eq', right: 'USD', label: 'currency' },
      ],
    };
    expect(explainCondition(condition)).toBe('currency ("EUR") does not equal "USD"');
  });

  it('lists every condition of a failed any-group and the passing ones of a passed one', () => {
    expect(explainCondition({ any: [rule(1, 'eq', 2), rule(3, 'eq', 4)] })).toBe(
      'none matched: 1 does not equal 2; 3 does not equal 4',
    );
    expect(explainCondition({ any: [rule(1, 'eq', 2), rule(3, 'eq', 3)] })).toBe('3 equals 3');
    expect(explainCondition({ all: [rule(1, 'eq', 1), rule(2, 'lt', 3)] })).toBe('1 equals 1 and 2 is less than 3');
  });

  it('puts nested groups in parentheses', () => {
    expect(explainCondition({ all: [{ any: [rule(1, 'eq', 2)] }] })).toBe('(none matched: 1 does not equal 2)');
  });
});
