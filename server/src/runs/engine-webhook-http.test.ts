import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition, StepDefinitionJson } from '../contracts/recipe-definition.js';
import { kvRepo } from '../storage/kv-repo.js';
import { dialects } from '../storage/test-databases.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

// The core path of DESIGN §4 on both databases: ingest → claim → walk → retry → finish.
describe.each(dialects)('webhook → filter → http on %s', (dialect) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ dialect });
  });
  afterAll(() => system?.close());

  const post = (path: string, extra: Partial<StepDefinitionJson> = {}): StepDefinitionJson => ({
    id: 'post',
    use: 'core/http',
    input: { method: 'POST', url: `${system.sink.url}${path}`, json: { id: '{{trigger.body.id}}', amount: '{{trigger.body.amount}}' } },
    retry: { baseDelayMs: 50 },
    ...extra,
  });
  const bigOrders = (path: string): RecipeDefinition => ({
    trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
    steps: [
      { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: 100 }] } },
      post(path),
      { id: 'after', use: 'core/formatter', input: { operation: 'text.upper', value: 'done' } },
    ],
  });

  it('runs the recipe of DESIGN §9: the sink gets the mapped JSON, typed as sent', async () => {
    const { hookPath } = await system.publish(bigOrders('/orders'));
    const run = await system.deliver(hookPath, { id: 'o-1', amount: 250 });
    expect(run.status).toBe('succeeded');
    expect(system.sink.hits('/orders').map((hit) => hit.json)).toEqual([{ id: 'o-1', amount: 250 }]);
    expect(run.steps.map((step) => [step.path, step.status])).toEqual([
      ['big', 'succeeded'],
      ['post', 'succeeded'],
      ['after', 'succeeded'],
    ]);
    expect(stepOf(run, 'post').output).toMatchObject({ status: 200, body: { received: { id: 'o-1', amount: 250 } } });
    expect(run.output).toEqual({ value: 'DONE' });
  });

  it('ends the run succeeded with later steps skipped when the filter does not pass', async () => {
    const { hookPath } = await system.publish(bigOrders('/small'));
    const run = await system.deliver(hookPath, { id: 'o-2', amount: 5 });
    expect(run.status).toBe('succeeded');
    expect(stepOf(run, 'big').output).toEqual({ passed: false });
    expect(run.steps.map((step) => [step.path, step.status])).toEqual([
      ['big', 'succeeded'],
      ['post', 'skipped'],
      ['after', 'skipped'],
    ]);
    expect(system.sink.hits('/small')).toHaveLength(0);
  });

  it('makes one run of a delivery sent again, and of 20 concurrent copies', async () => {
    const { recipeId, hookPath } = await system.publish(bigOrders('/dedupe'));
    const first = await system.postWebhook(hookPath, { id: 'dup-1', amount: 500 });
    const again = await system.postWebhook(hookPath, { id: 'dup-1', amount: 500 });
    expect(first.status).toBe(202);
    expect(again.body).toEqual({ accepted: true, runId: first.body.runId, duplicate: true });

    const burst = await Promise.all(Array.from({ length: 20 }, () => system.postWebhook(hookPath, { id: 'dup-2', amount: 500 })));
    expect(burst.every((answer) => answer.status === 202)).toBe(true);
    const runIds = new Set(burst.map((answer) => answer.body.runId));
    expect(runIds.size).toBe(1);
    expect(burst.filter((answer) => !answer.body.duplicate)).toHaveLength(1);

    await system.waitForRun(first.body.runId);
    await system.waitForRun([...runIds][0]);
    const runs = await system.api('GET', `/runs?recipe=${recipeId}`);
    expect(runs.body.runs).toHaveLength(2);
    expect(system.sink.hits('/dedupe')).toHaveLength(2);
  });

  it('retries a 429 after its Retry-After with the same Idempotency-Key', async () => {
    system.sink.script('/busy', { status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } }, { status: 200, body: { ok: true } });
    const { hookPath } = await system.publish(bigOrders('/busy'));
    const run = await system.deliver(hookPath, { id: 'r-1', amount: 300 });
    expect(run.status).toBe('succeeded');
    expect(stepOf(run, 'post')).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    const keys = system.sink.hits('/busy').map((hit) => hit.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toBe(stepOf(run, 'post').idempotencyKey);
  });

  it('retries 503 twice, then succeeds', async () => {
    system.sink.script('/flaky', { status: 503 }, { status: 503 }, { status: 200, body: { ok: true } });
    const { hookPath } = await system.publish(bigOrders('/flaky'));
    const run = await system.deliver(hookPath, { id: 'r-2', amount: 300 });
    expect(run.status).toBe('succeeded');
    expect(stepOf(run, 'post').attempts).toBe(3);
    expect(system.sink.hits('/flaky')).toHaveLength(3);
  });

  it('fails at once on a 400 (not retried) and records the later steps as skipped', async () => {
    system.sink.script('/bad', { status: 400, body: { error: 'no such customer' } });
    const { hookPath } = await system.publish(bigOrders('/bad'));
    const run = await system.deliver(hookPath, { id: 'r-3', amount: 300 });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'HTTP_400' });
    expect(stepOf(run, 'post')).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'HTTP_400', retryable: false } });
    expect(stepOf(run, 'after').status).toBe('skipped');
    expect(system.sink.hits('/bad')).toHaveLength(1);
  });

  it('gives up after maxAttempts of retryable answers', async () => {
    system.sink.script('/down', ...Array.from({ length: 12 }, () => ({ status: 502 })));
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [post('/down', { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 12 } })],
    });
    const run = await system.deliver(hookPath, { id: 'r-4' });
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'post')).toMatchObject({ status: 'failed', attempts: 12, error: { code: 'HTTP_502' } });
    expect(system.sink.hits('/down')).toHaveLength(12);
  });

  it('loses no core/storage increment when many runs count at once', async () => {
    const { hookPath, recipeId } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'count', use: 'core/storage', input: { operation: 'increment', key: 'hits' } }],
    });
    const accepted = await Promise.all(Array.from({ length: 40 }, () => system.postWebhook(hookPath, {})));
    for (const answer of accepted) expect((await system.waitForRun(answer.body.runId)).status).toBe('succeeded');
    expect(await kvRepo.get(system.wired.database.db, `recipe:${recipeId}`, 'hits')).toBe(40);
  });
});
