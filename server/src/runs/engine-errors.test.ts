import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepDefinitionJson } from '../contracts/recipe-definition.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

describe('step failures: onError, error paths and error-handler recipes', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const call = (id: string, path: string, extra: Partial<StepDefinitionJson> = {}): StepDefinitionJson => ({
    id,
    use: 'core/http',
    input: { method: 'POST', url: `${system.sink.url}${path}`, json: { from: id } },
    retry: { baseDelayMs: 50, maxAttempts: 2 },
    ...extra,
  });

  it('carries on after a failed step with onError "continue", its error readable by later steps', async () => {
    system.sink.script('/continue-fail', { status: 404, body: { error: 'gone' } });
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        call('lookup', '/continue-fail', { onError: 'continue' }),
        call('notify', '/continue-next', { input: { method: 'POST', url: `${system.sink.url}/continue-next`, json: { failed: '{{steps.lookup.error.code}}' } } }),
      ],
    });
    const run = await system.deliver(hookPath, {});
    expect(run.status).toBe('succeeded');
    expect(stepOf(run, 'lookup')).toMatchObject({ status: 'failed', error: { code: 'HTTP_404' } });
    expect(stepOf(run, 'notify').status).toBe('succeeded');
    expect(system.sink.hits('/continue-next')[0]!.json).toEqual({ failed: 'HTTP_404' });
  });

  it('runs the error path of a failed step, then ends the run without failing it', async () => {
    system.sink.script('/path-fail', { status: 500 }, { status: 500 });
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        call('charge', '/path-fail', {
          onError: {
            steps: [
              { id: 'explain', use: 'core/formatter', input: { operation: 'text.lower', value: '{{steps.charge.error.code}}' } },
              call('alert', '/path-alert', { input: { method: 'POST', url: `${system.sink.url}/path-alert`, json: { why: '{{steps.explain.output.value}}' } } }),
            ],
          },
        }),
        call('receipt', '/path-receipt'),
      ],
    });
    const run = await system.deliver(hookPath, {});
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((step) => [step.path, step.status])).toEqual([
      ['charge', 'failed'],
      ['explain', 'succeeded'],
      ['alert', 'succeeded'],
      ['receipt', 'skipped'],
    ]);
    expect(stepOf(run, 'charge').attempts).toBe(2);
    expect(system.sink.hits('/path-alert')[0]!.json).toEqual({ why: 'http_500' });
    expect(system.sink.hits('/path-receipt')).toHaveLength(0);
  });

  it('fails the run when the error path itself fails', async () => {
    system.sink.script('/double-fail', { status: 400 });
    system.sink.script('/double-alert', { status: 400 });
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [call('charge', '/double-fail', { onError: { steps: [call('alert', '/double-alert')] } })],
    });
    const run = await system.deliver(hookPath, {});
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'HTTP_400', step: 'alert' });
  });

  it('starts error-handler recipes (core/recipe-failed) with the failure in their trigger body', async () => {
    const handler = await system.publish(
      {
        trigger: { use: 'core/recipe-failed' },
        steps: [
          call('report', '/failures', {
            input: {
              method: 'POST',
              url: `${system.sink.url}/failures`,
              json: { recipe: '{{trigger.body.recipe.name}}', run: '{{trigger.body.run.id}}', code: '{{trigger.body.error.code}}', step: '{{trigger.body.error.step}}' },
            },
          }),
        ],
      },
      'Error handler',
    );
    system.sink.script('/broken', { status: 422, body: { error: 'invalid' } });
    const { recipeId, hookPath } = await system.publish({ trigger: { use: 'core/webhook' }, steps: [call('sync', '/broken')] }, 'Order sync');
    const failed = await system.deliver(hookPath, { order: 1 });
    expect(failed.status).toBe('failed');

    const report = await system.waitFor(async () => system.sink.hits('/failures')[0], 'the error handler to report');
    expect(report.json).toEqual({ recipe: 'Order sync', run: failed.id, code: 'HTTP_422', step: 'sync' });
    const handlerRuns = (await system.api('GET', `/runs?recipe=${handler.recipeId}`)).body.runs;
    expect(handlerRuns).toHaveLength(1);
    const handlerRun = await system.waitForRun(handlerRuns[0].id);
    expect(handlerRun).toMatchObject({ status: 'succeeded', triggerKind: 'core/recipe-failed' });
    expect(handlerRun.trigger).toMatchObject({ body: { recipe: { id: recipeId }, run: { id: failed.id, trigger: { body: { order: 1 } } }, error: { code: 'HTTP_422' } } });

    // A succeeding run starts no handler.
    system.sink.script('/broken', { status: 200 });
    expect((await system.deliver(hookPath, { order: 2 })).status).toBe('succeeded');
    expect((await system.api('GET', `/runs?recipe=${handler.recipeId}`)).body.runs).toHaveLength(1);

    // A called recipe's failure is its caller's to report: here the caller handles it and succeeds, so no alert.
    system.sink.script('/broken', { status: 422 });
    const callee = await system.publish({ trigger: { use: 'core/manual' }, steps: [call('sync', '/broken')] }, 'Callee');
    const caller = await system.publish(
      { trigger: { use: 'core/webhook' }, steps: [{ id: 'sub', use: 'core/sub-recipe', input: { recipe: callee.recipeId }, onError: 'continue' }] },
      'Caller',
    );
    expect((await system.deliver(caller.hookPath, {})).status).toBe('succeeded');
    expect((await system.api('GET', `/runs?recipe=${callee.recipeId}&status=failed`)).body.runs).toHaveLength(1);
    expect((await system.api('GET', `/runs?recipe=${handler.recipeId}`)).body.runs).toHaveLength(1);
  });
});
