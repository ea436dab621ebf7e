import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepDefinitionJson } from '../contracts/recipe-definition.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

describe('loops, paths, formatter and storage through the worker', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const post = (id: string, path: string, json: unknown): StepDefinitionJson => ({
    id,
    use: 'core/http',
    input: { method: 'POST', url: `${system.sink.url}${path}`, json },
    retry: { baseDelayMs: 50 },
  });

  it('runs a loop body once per item with {{loop.item}} and {{loop.index}}', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        {
          id: 'each',
          use: 'core/loop',
          input: { items: '{{trigger.body.people}}' },
          steps: [
            { id: 'name', use: 'core/formatter', input: { operation: 'text.upper', value: '{{loop.item.name}}' } },
            post('send', '/loop', { index: '{{loop.index}}', name: '{{steps.name.output.value}}' }),
          ],
        },
        { id: 'total', use: 'core/formatter', input: { operation: 'text.trim', value: ' {{steps.each.output.count}} ' } },
      ],
    });
    const run = await system.deliver(hookPath, { people: [{ name: 'ada' }, { name: 'grace' }, { name: 'alan' }] });
    expect(run.status).toBe('succeeded');
    expect(system.sink.hits('/loop').map((hit) => hit.json)).toEqual([
      { index: 0, name: 'ADA' },
      { index: 1, name: 'GRACE' },
      { index: 2, name: 'ALAN' },
    ]);
    expect(run.steps.map((step) => step.path)).toEqual([
      'each',
      'each[0].name',
      'each[0].send',
      'each[1].name',
      'each[1].send',
      'each[2].name',
      'each[2].send',
      'total',
    ]);
    const keys = run.steps.filter((step) => step.stepId === 'send').map((step) => step.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    expect(stepOf(run, 'total').output).toEqual({ value: '3' });
  });

  it('fails the loop (and the run) when its items are not a list', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'each', use: 'core/loop', input: { items: '{{trigger.body.people}}' }, steps: [post('never', '/never', {})] }],
    });
    const run = await system.deliver(hookPath, { people: 'not a list' });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'LOOP_ITEMS_NOT_A_LIST', step: 'each' });
  });

  const routing = (mode?: 'all'): StepDefinitionJson => ({
    id: 'route',
    use: 'core/paths',
    ...(mode && { mode }),
    paths: [
      { name: 'big', when: { left: '{{trigger.body.amount}}', op: 'gt', right: 100 }, steps: [post('to_big', '/big', { amount: '{{trigger.body.amount}}' })] },
      { name: 'eu', when: { left: '{{trigger.body.region}}', op: 'eq', right: 'eu' }, steps: [post('to_eu', '/eu', { region: 'eu' })] },
      { name: 'fallback', steps: [post('to_rest', '/rest', {})] },
    ],
  });

  it('runs only the first matching path by default', async () => {
    const { hookPath } = await system.publish({ trigger: { use: 'core/webhook' }, steps: [routing()] });
    const big = await system.deliver(hookPath, { amount: 500, region: 'eu' });
    expect(big.status).toBe('succeeded');
    expect(stepOf(big, 'route').output).toEqual({ matched: ['big'] });
    const eu = await system.deliver(hookPath, { amount: 5, region: 'eu' });
    expect(stepOf(eu, 'route').output).toEqual({ matched: ['eu'] });
    const other = await system.deliver(hookPath, { amount: 5, region: 'us' });
    expect(stepOf(other, 'route').output).toEqual({ matched: ['fallback'] });
    expect([system.sink.hits('/big').length, system.sink.hits('/eu').length, system.sink.hits('/rest').length]).toEqual([1, 1, 1]);
    expect(big.steps.map((step) => step.path)).toEqual(['route', 'to_big']);
  });

  it('runs every matching path with mode "all"', async () => {
    const { hookPath } = await system.publish({ trigger: { use: 'core/webhook' }, steps: [routing('all')] });
    const run = await system.deliver(hookPath, { amount: 700, region: 'eu', marker: 'all' });
    expect(stepOf(run, 'route').output).toEqual({ matched: ['big', 'eu', 'fallback'] });
    expect(run.steps.map((step) => [step.path, step.status])).toEqual([
      ['route', 'succeeded'],
      ['to_big', 'succeeded'],
      ['to_eu', 'succeeded'],
      ['to_rest', 'succeeded'],
    ]);
  });

  it('formats values and hands them on with their types', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'email', use: 'core/formatter', input: { operation: 'text.extract_email', value: '{{trigger.body.text}}' } },
        { id: 'first', use: 'core/formatter', input: { operation: 'list.first', value: '{{trigger.body.items}}' } },
        { id: 'count', use: 'core/formatter', input: { operation: 'list.count', value: '{{trigger.body.items}}' } },
        post('send', '/formatted', { email: '{{steps.email.output.value | lower}}', first: '{{steps.first.output.value}}', count: '{{steps.count.output.value}}' }),
      ],
    });
    const run = await system.deliver(hookPath, { text: 'write to Ada@Example.COM today', items: [{ sku: 'a1' }, { sku: 'b2' }] });
    expect(run.status).toBe('succeeded');
    expect(system.sink.hits('/formatted')[0]!.json).toEqual({ email: 'ada@example.com', first: { sku: 'a1' }, count: 2 });
  });

  it('fails a formatter step on input it cannot use, without retrying', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'bad', use: 'core/formatter', input: { operation: 'number.round', value: '{{trigger.body.amount}}' } }],
    });
    const run = await system.deliver(hookPath, { amount: 'lots' });
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'bad')).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'FORMATTER_INVALID_INPUT' } });
  });

  it('keeps a core/storage counter across runs', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'count', use: 'core/storage', input: { operation: 'increment', key: 'orders' } },
        { id: 'read', use: 'core/storage', input: { operation: 'get', key: 'orders' } },
        post('send', '/counter', { seen: '{{steps.count.output.value}}' }),
      ],
    });
    const first = await system.deliver(hookPath, {});
    const second = await system.deliver(hookPath, {});
    expect(stepOf(first, 'count').output).toEqual({ key: 'orders', value: 1 });
    expect(stepOf(second, 'count').output).toEqual({ key: 'orders', value: 2 });
    expect(stepOf(second, 'read').output).toEqual({ key: 'orders', value: 2, found: true });
    expect(system.sink.hits('/counter').map((hit) => hit.json)).toEqual([{ seen: 1 }, { seen: 2 }]);
  });
});
