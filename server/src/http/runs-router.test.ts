import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import type { RunDetail } from '../contracts/run.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

describe('runs API', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const postTo = (path: string, extra: object = {}): RecipeDefinition => ({
    trigger: { use: 'core/webhook' },
    steps: [
      { id: 'shape', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.name}}' } },
      { id: 'post', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}${path}`, json: { name: '{{steps.shape.output.value}}' } }, retry: { baseDelayMs: 50 }, ...extra },
      { id: 'tail', use: 'core/formatter', input: { operation: 'text.lower', value: 'end' } },
    ],
  });

  it('lists runs newest first, filtered by recipe and status, page by page', async () => {
    const a = await system.publish(postTo('/list-a'), 'List A');
    system.sink.script('/list-b', { status: 400 });
    const b = await system.publish(postTo('/list-b'), 'List B');
    const aRuns: string[] = [];
    for (const name of ['one', 'two', 'three']) aRuns.push((await system.deliver(a.hookPath, { name })).id);
    const failed = await system.deliver(b.hookPath, { name: 'four' });

    const first = await system.api('GET', `/runs?recipe=${a.recipeId}&limit=2`);
    expect(first.body.runs.map((r: { id: string }) => r.id)).toEqual([aRuns[2], aRuns[1]]);
    expect(first.body.nextCursor).toBe(aRuns[1]);
    const second = await system.api('GET', `/runs?recipe=${a.recipeId}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.runs.map((r: { id: string }) => r.id)).toEqual([aRuns[0]]);
    expect(second.body.nextCursor).toBeNull();

    const failures = await system.api('GET', '/runs?status=failed');
    expect(failures.body.runs.map((r: { id: string }) => r.id)).toEqual([failed.id]);
    expect(failures.body.runs[0]).toMatchObject({ recipeId: b.recipeId, status: 'failed', error: { code: 'HTTP_400', step: 'post' }, triggerKind: 'core/webhook' });
    expect((await system.api('GET', `/runs?recipe=${a.recipeId}&status=failed`)).body.runs).toEqual([]);
    expect((await system.api('GET', '/runs?status=bogus')).status).toBe(422);
  });

  it('shows one run with every step: input, output, error, attempts, timings', async () => {
    system.sink.script('/detail', { status: 503 }, { status: 201, body: { id: 'created-1' } });
    const { hookPath } = await system.publish(postTo('/detail'));
    const run = await system.deliver(hookPath, { name: 'ada' });
    expect(run).toMatchObject({ status: 'succeeded', trigger: { method: 'POST', body: { name: 'ada' } }, output: { value: 'end' }, replayOf: null });
    expect(run.startedAt).toEqual(expect.any(Number));
    expect(run.finishedAt!).toBeGreaterThanOrEqual(run.startedAt!);

    const post = stepOf(run, 'post');
    expect(post).toMatchObject({
      stepId: 'post',
      use: 'core/http',
      status: 'succeeded',
      attempts: 2,
      sideEffect: true,
      error: null,
      input: { method: 'POST', url: `${system.sink.url}/detail`, json: { name: 'ADA' } },
      output: { status: 201, body: { id: 'created-1' } },
    });
    expect(post.idempotencyKey).toMatch(new RegExp(`^${run.id}-`));
    for (const step of run.steps) {
      expect(step.startedAt, step.path).toEqual(expect.any(Number));
      expect(step.finishedAt!, step.path).toBeGreaterThanOrEqual(step.startedAt!);
    }
    expect(stepOf(run, 'shape')).toMatchObject({ input: { operation: 'text.upper', value: 'ada' }, output: { value: 'ADA' }, sideEffect: false, attempts: 1 });
    expect((await system.api('GET', '/runs/run_missing')).status).toBe(404);
  });

  it('records a failed step with its error and the steps after it as skipped', async () => {
    system.sink.script('/detail-fail', { status: 409, body: { error: 'conflict' } });
    const { hookPath } = await system.publish(postTo('/detail-fail'));
    const run = await system.deliver(hookPath, { name: 'x' });
    expect(stepOf(run, 'post')).toMatchObject({ status: 'failed', attempts: 1, output: null, error: { code: 'HTTP_409', message: expect.stringContaining('409'), retryable: false } });
    expect(stepOf(run, 'tail')).toMatchObject({ status: 'skipped', attempts: 0, startedAt: null, input: null });
  });

  it('cancels a waiting run: it never resumes', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'wait', use: 'core/delay', input: { for: { seconds: 1 } } }, { id: 'post', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/cancelled` } }],
    });
    const accepted = await system.postWebhook(hookPath, {});
    await system.waitForRun(accepted.body.runId, (run) => run.status === 'waiting');
    const cancelled = await system.api('POST', `/runs/${accepted.body.runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', finishedAt: expect.any(Number) });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect((await system.api('GET', `/runs/${accepted.body.runId}`)).body.status).toBe('cancelled');
    expect(system.sink.hits('/cancelled')).toHaveLength(0);
  });

  it('cancels a run in the middle of a step: later steps do not run and the cancellation stands', async () => {
    system.sink.script('/slow-first', { delayMs: 300 });
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'first', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/slow-first` } },
        { id: 'second', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/after-cancel` } },
      ],
    });
    const accepted = await system.postWebhook(hookPath, {});
    await system.waitFor(async () => system.sink.hits('/slow-first')[0], 'the first step to call out');
    expect((await system.api('POST', `/runs/${accepted.body.runId}/cancel`)).body.status).toBe('cancelled');
    await system.waitFor(async () => (system.workers[0]!.busy === 0 ? true : undefined), 'the worker to finish the walk');
    const run: RunDetail = (await system.api('GET', `/runs/${accepted.body.runId}`)).body;
    expect(run.status).toBe('cancelled');
    expect(system.sink.hits('/after-cancel')).toHaveLength(0);
    // The call that was in flight did happen, so it stays on record.
    expect(stepOf(run, 'first').status).toBe('succeeded');
  });

  it('tells a webhook waiting for the result that the run was cancelled', async () => {
    system.sink.script('/slow-result', { delayMs: 300 });
    const { recipeId, hookPath } = await system.publish({
      trigger: { use: 'core/webhook', input: { response: { mode: 'result' } } },
      steps: [{ id: 'first', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/slow-result` } }],
    });
    const answer = system.postWebhook(hookPath, {});
    await system.waitFor(async () => system.sink.hits('/slow-result')[0], 'the step to call out');
    const runId = (await system.api('GET', `/runs?recipe=${recipeId}`)).body.runs[0].id as string;
    await system.api('POST', `/runs/${runId}/cancel`);
    const answered = await answer;
    expect(answered.status).not.toBe(200);
    expect(answered.body.error.message).toContain('cancelled');
  });

  it('leaves a finished run as it is on cancel', async () => {
    const { hookPath } = await system.publish(postTo('/finished'));
    const run = await system.deliver(hookPath, { name: 'y' });
    const answer = await system.api('POST', `/runs/${run.id}/cancel`);
    expect(answer.body.status).toBe('succeeded');
    expect((await system.api('POST', '/runs/run_missing/cancel')).status).toBe(404);
  });
});
