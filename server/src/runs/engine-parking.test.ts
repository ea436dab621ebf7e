import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../contracts/run.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

describe('runs that wait: delay, approval, sub-recipe', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const notify = (path: string, json: unknown = {}) => ({
    id: 'notify',
    use: 'core/http',
    input: { method: 'POST', url: `${system.sink.url}${path}`, json },
    retry: { baseDelayMs: 50 },
  });
  const isWaiting = (run: RunDetail) => run.status === 'waiting';

  it('parks a run on core/delay without holding a worker, then completes it', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'wait', use: 'core/delay', input: { for: { seconds: 1 } } }, notify('/after-delay')],
    });
    const accepted = await system.postWebhook(hookPath, {});
    const parked = await system.waitForRun(accepted.body.runId, isWaiting);
    expect(stepOf(parked, 'wait')).toMatchObject({ status: 'sleeping', nextAttemptAt: expect.any(Number) });
    const worker = system.workers[0]!;
    await system.waitFor(async () => (worker.busy === 0 ? true : undefined), 'the worker to let go of the parked run');
    expect((await system.api('GET', `/runs/${parked.id}`)).body.status).toBe('waiting');
    expect(system.sink.hits('/after-delay')).toHaveLength(0);

    const done = await system.waitForRun(parked.id);
    expect(done.status).toBe('succeeded');
    expect(stepOf(done, 'wait').status).toBe('succeeded');
    expect(system.sink.hits('/after-delay')).toHaveLength(1);
  });

  it('resumes a loop whose body parks at the right item, never repeating finished ones', async () => {
    const items = Array.from({ length: 12 }, (_, index) => index);
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        {
          id: 'each',
          use: 'core/loop',
          input: { items: '{{trigger.body.items}}' },
          steps: [{ id: 'pause', use: 'core/delay', input: { for: { seconds: 0 } } }, { ...notify('/loop-parked', { item: '{{loop.item}}' }) }],
        },
      ],
    });
    const run = await system.deliver(hookPath, { items });
    expect(run.status).toBe('succeeded');
    expect(system.sink.hits('/loop-parked').map((hit) => (hit.json as { item: number }).item)).toEqual(items);
  });

  it('waits for approval: a GET only shows the page, a POST decides once, and the run continues', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'ask', use: 'core/approval', input: { message: '<b>Refund {{trigger.body.amount}}?</b>' } },
        notify('/approved', { decision: '{{steps.ask.output.decision}}' }),
      ],
    });
    const accepted = await system.postWebhook(hookPath, { amount: 40 });
    const waiting = await system.waitForRun(accepted.body.runId, isWaiting);
    const ask = stepOf(waiting, 'ask');
    expect(ask.status).toBe('waiting');
    const output = ask.output as { approveUrl: string; rejectUrl: string; decision: null };
    expect(output).toMatchObject({ approveUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/approvals\//), rejectUrl: expect.any(String), decision: null });
    const approve = new URL(output.approveUrl).pathname;
    const reject = new URL(output.rejectUrl).pathname;

    const page = await system.request('GET', approve, undefined, { token: null });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post">');
    expect(page.body).toContain('&lt;b&gt;Refund 40?&lt;/b&gt;');
    expect((await system.request('GET', approve, undefined, { token: null })).status).toBe(200);
    expect((await system.api('GET', `/runs/${waiting.id}`)).body.status).toBe('waiting');

    const decided = await system.request('POST', approve, undefined, { token: null });
    expect(decided.status).toBe(200);
    expect(decided.body).toContain('Approved');
    expect((await system.request('POST', approve, undefined, { token: null })).status).toBe(410);
    expect((await system.request('POST', reject, undefined, { token: null })).status).toBe(410);
    expect((await system.request('GET', approve, undefined, { token: null })).status).toBe(410);

    const done = await system.waitForRun(waiting.id);
    expect(done.status).toBe('succeeded');
    expect(stepOf(done, 'ask').output).toMatchObject({ decision: 'approve' });
    expect(system.sink.hits('/approved').map((hit) => hit.json)).toEqual([{ decision: 'approve' }]);

    const forged = `${approve.slice(0, -4)}AAAA`;
    expect((await system.request('POST', forged, undefined, { token: null })).status).toBe(404);
  });

  it('stops the run when the request is rejected', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'ask', use: 'core/approval', input: {} }, notify('/rejected')],
    });
    const accepted = await system.postWebhook(hookPath, {});
    const waiting = await system.waitForRun(accepted.body.runId, isWaiting);
    const { rejectUrl } = stepOf(waiting, 'ask').output as { rejectUrl: string };
    const decided = await system.request('POST', new URL(rejectUrl).pathname, undefined, { token: null });
    expect(decided.body).toContain('Rejected');

    const done = await system.waitForRun(waiting.id);
    expect(done.status).toBe('succeeded');
    expect(stepOf(done, 'ask').output).toMatchObject({ decision: 'reject' });
    expect(stepOf(done, 'notify').status).toBe('skipped');
    expect(system.sink.hits('/rejected')).toHaveLength(0);
  });

  it('calls another published recipe with core/sub-recipe and uses its output', async () => {
    const child = await system.publish(
      {
        trigger: { use: 'core/manual' },
        steps: [{ id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.word}}' } }],
      },
      'Child',
    );
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'call', use: 'core/sub-recipe', input: { recipe: child.recipeId, input: { word: '{{trigger.body.word}}' } } },
        notify('/from-child', { result: '{{steps.call.output.output.value}}', status: '{{steps.call.output.status}}' }),
      ],
    });
    const parent = await system.deliver(hookPath, { word: 'quiet' });
    expect(parent.status).toBe('succeeded');
    expect(system.sink.hits('/from-child').map((hit) => hit.json)).toEqual([{ result: 'QUIET', status: 'succeeded' }]);

    const childRunId = (stepOf(parent, 'call').output as { runId: string }).runId;
    const childRun = await system.waitForRun(childRunId);
    expect(childRun).toMatchObject({ status: 'succeeded', parentRunId: parent.id, triggerKind: 'core/sub-recipe', trigger: { body: { word: 'quiet' } } });
  });

  it('fails the calling step at once when the called run is cancelled', async () => {
    const child = await system.publish({ trigger: { use: 'core/manual' }, steps: [{ id: 'nap', use: 'core/delay', input: { for: { minutes: 5 } } }] }, 'Slow child');
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'call', use: 'core/sub-recipe', input: { recipe: child.recipeId } }, notify('/after-cancelled-child')],
    });
    const accepted = await system.postWebhook(hookPath, {});
    const parent = await system.waitForRun(accepted.body.runId, (run) => run.status === 'waiting' && run.steps.length > 0);
    const childRunId = (stepOf(parent, 'call').output as { runId: string }).runId;
    await system.waitForRun(childRunId, isWaiting);
    expect((await system.api('POST', `/runs/${childRunId}/cancel`)).body.status).toBe('cancelled');

    const done = await system.waitForRun(parent.id);
    expect(done.status).toBe('failed');
    expect(stepOf(done, 'call')).toMatchObject({ status: 'failed', error: { code: 'SUB_RECIPE_FAILED' }, output: { status: 'cancelled' } });
    expect(system.sink.hits('/after-cancelled-child')).toHaveLength(0);
  });

  it('fails the calling step when the called recipe is not published', async () => {
    const draft = await system.createRecipe({ trigger: { use: 'core/manual' }, steps: [] }, 'Draft child');
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'call', use: 'core/sub-recipe', input: { recipe: draft } }],
    });
    const run = await system.deliver(hookPath, {});
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'call').error).toMatchObject({ code: 'SUB_RECIPE_NOT_LIVE' });
  });

  it('fails the calling step when the called recipe fails', async () => {
    system.sink.script('/child-fails', { status: 400 });
    const child = await system.publish({ trigger: { use: 'core/manual' }, steps: [notify('/child-fails')] }, 'Failing child');
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'call', use: 'core/sub-recipe', input: { recipe: child.recipeId } }],
    });
    const run = await system.deliver(hookPath, {});
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'call')).toMatchObject({ status: 'failed', error: { code: 'SUB_RECIPE_FAILED' }, output: { status: 'failed' } });
  });

  it('refuses an approval link once its run is cancelled', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'ask', use: 'core/approval', input: {} }],
    });
    const accepted = await system.postWebhook(hookPath, {});
    const waiting = await system.waitForRun(accepted.body.runId, isWaiting);
    const { approveUrl } = stepOf(waiting, 'ask').output as { approveUrl: string };
    expect((await system.api('POST', `/runs/${waiting.id}/cancel`)).body.status).toBe('cancelled');

    expect((await system.request('GET', new URL(approveUrl).pathname, undefined, { token: null })).status).toBe(410);
    expect((await system.request('POST', new URL(approveUrl).pathname, undefined, { token: null })).status).toBe(410);
    const run = (await system.api('GET', `/runs/${waiting.id}`)).body as RunDetail;
    expect(run.status).toBe('cancelled');
    expect(stepOf(run, 'ask')).toMatchObject({ status: 'failed', error: { code: 'RUN_CANCELLED' } });
  });

  it("fails a run at its recipe's settings.runTimeoutMs, even while a retry is parked", async () => {
    system.sink.script('/always-busy', ...Array.from({ length: 10 }, () => ({ status: 503 })));
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      settings: { runTimeoutMs: 1000 },
      steps: [
        { ...notify('/always-busy'), id: 'busy', retry: { baseDelayMs: 60_000, maxAttempts: 10 } },
        notify('/too-late'),
      ],
    });
    const run = await system.deliver(hookPath, {});
    // The backoff would wait a minute; the run's deadline wakes it after a second and ends it.
    expect(run).toMatchObject({ status: 'failed', error: { code: 'RUN_TIMEOUT' } });
    expect(system.sink.hits('/too-late')).toHaveLength(0);
  });
});
