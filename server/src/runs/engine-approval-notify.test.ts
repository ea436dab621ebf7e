import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../contracts/run.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

/** core/approval's child steps run before the wait: that is where the links get sent. */
describe('approval links sent by a later step', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const post = (id: string, path: string, json: unknown) => ({
    id,
    use: 'core/http',
    input: { method: 'POST', url: `${system.sink.url}${path}`, json },
    retry: { baseDelayMs: 50 },
  });

  it('sends the links, waits, and continues after a click on the sent link', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        {
          id: 'ask',
          use: 'core/approval',
          input: { message: 'Refund {{trigger.body.amount}}?' },
          steps: [post('tell', '/ask', { approve: '{{steps.ask.output.approveUrl}}', reject: '{{steps.ask.output.rejectUrl}}' })],
        },
        post('refund', '/refund', { decision: '{{steps.ask.output.decision}}' }),
      ],
    });
    const accepted = await system.postWebhook(hookPath, { amount: 12 });
    const waiting = await system.waitForRun(accepted.body.runId, (run: RunDetail) => run.status === 'waiting');
    expect(stepOf(waiting, 'tell').status).toBe('succeeded');
    expect(system.sink.hits('/refund')).toHaveLength(0);

    const sent = system.sink.hits('/ask')[0]!.json as { approve: string; reject: string };
    expect(sent.approve).toBe((stepOf(waiting, 'ask').output as { approveUrl: string }).approveUrl);
    expect((await system.request('POST', new URL(sent.approve).pathname, undefined, { token: null })).status).toBe(200);

    const done = await system.waitForRun(waiting.id);
    expect(done.status).toBe('succeeded');
    expect(system.sink.hits('/ask')).toHaveLength(1);
    expect(system.sink.hits('/refund').map((hit) => hit.json)).toEqual([{ decision: 'approve' }]);
  });

  it('does not count the time spent waiting for a decision against the run time limit', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      settings: { runTimeoutMs: 1000 },
      steps: [{ id: 'ask', use: 'core/approval', input: {} }, post('after', '/after-long-wait', {})],
    });
    const accepted = await system.postWebhook(hookPath, {});
    const waiting = await system.waitForRun(accepted.body.runId, (run: RunDetail) => run.status === 'waiting');
    // Decide only after the run's whole time limit has passed.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const { approveUrl } = stepOf(waiting, 'ask').output as { approveUrl: string };
    expect((await system.request('POST', new URL(approveUrl).pathname, undefined, { token: null })).status).toBe(200);
    const done = await system.waitForRun(waiting.id);
    expect(done.status).toBe('succeeded');
    expect(system.sink.hits('/after-long-wait')).toHaveLength(1);
  });

  it('refuses child steps on steps that cannot hold them, and templates naming later steps from inside', async () => {
    const answer = await system.api('POST', '/recipes', {
      name: 'Bad children',
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'up', use: 'core/formatter', input: { operation: 'text.upper', value: 'x' }, steps: [] },
        { id: 'ask', use: 'core/approval', input: {}, steps: [post('early', '/x', { late: '{{steps.later.output}}' })] },
        post('later', '/y', {}),
      ],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.problems).toEqual([
      { path: '/steps/0/steps', message: 'only core/loop and core/approval hold child steps; "core/formatter" does not' },
      { path: '/steps/1/steps/0/input/json/late', message: '{{steps.later…}} does not name a step that runs before this one' },
    ]);
  });
});
