import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

describe('POST /recipes/:id/invoke', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  const twoSteps = (trigger: string): RecipeDefinition => ({
    trigger: { use: trigger },
    steps: [
      { id: 'upper', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.name}}' } },
      { id: 'lower', use: 'core/formatter', input: { operation: 'text.lower', value: '{{trigger.body.name}}' } },
    ],
  });

  it('accepted: 202 with the run id; the input is the trigger body, for core/manual and core/webhook recipes', async () => {
    for (const trigger of ['core/manual', 'core/webhook']) {
      const { recipeId } = await system.publish(twoSteps(trigger));
      const answer = await system.api('POST', `/recipes/${recipeId}/invoke`, { input: { name: 'Ada' } });
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ runId: expect.stringMatching(/^run_/), duplicate: false, status: 'queued' });
      const run = await system.waitForRun(answer.body.runId);
      expect({ trigger, status: run.status, output: run.output }).toEqual({ trigger, status: 'succeeded', output: { value: 'ada' } });
    }
  });

  it('result: answers with the last step’s output, or the chosen step’s', async () => {
    const { recipeId } = await system.publish(twoSteps('core/manual'));
    const last = await system.api('POST', `/recipes/${recipeId}/invoke`, { input: { name: 'Ada' }, mode: 'result' });
    expect(last).toMatchObject({ status: 200, body: { value: 'ada' } });
    const chosen = await system.api('POST', `/recipes/${recipeId}/invoke`, { input: { name: 'Ada' }, mode: 'result', step: 'upper' });
    expect(chosen).toMatchObject({ status: 200, body: { value: 'ADA' } });
  });

  it('result: a failed run is a 422 naming the failed step; a run outlasting the wait is a 202 with its id', async () => {
    system.sink.script('/invoke-refused', { status: 404, body: { error: 'no such thing' } });
    const failing = await system.publish({ trigger: { use: 'core/manual' }, steps: [{ id: 'fetch', use: 'core/http', input: { url: `${system.sink.url}/invoke-refused` } }] });
    const failed = await system.api('POST', `/recipes/${failing.recipeId}/invoke`, { mode: 'result' });
    expect(failed.status).toBe(422);
    expect(failed.body.error).toMatchObject({ code: 'RUN_FAILED', step: 'fetch', runId: expect.stringMatching(/^run_/) });
    expect(failed.body.error.message).toMatch(/^the run failed at step "fetch": /);

    const slow = await system.publish({ trigger: { use: 'core/manual' }, steps: [{ id: 'wait', use: 'core/delay', input: { for: { minutes: 5 } } }] });
    const waited = await system.api('POST', `/recipes/${slow.recipeId}/invoke`, { mode: 'result', timeoutMs: 300 });
    expect(waited).toMatchObject({ status: 202, body: { runId: expect.stringMatching(/^run_/), duplicate: false, status: 'running' } });
  });

  it('the same Idempotency-Key gives the same run; another key another run', async () => {
    const { recipeId } = await system.publish(twoSteps('core/manual'));
    const send = (key: string) => system.api('POST', `/recipes/${recipeId}/invoke`, { input: { name: key } }, { headers: { 'idempotency-key': key } });
    const first = await send('zap-attempt-1');
    const again = await send('zap-attempt-1');
    const other = await send('zap-attempt-2');
    expect(first.body.duplicate).toBe(false);
    expect(again.body).toEqual({ runId: first.body.runId, duplicate: true, status: 'queued' });
    expect(other.body.runId).not.toBe(first.body.runId);
    await system.waitForRun(other.body.runId);
    const runs = (await system.api('GET', `/runs?recipe=${recipeId}`)).body.runs as unknown[];
    expect(runs).toHaveLength(2);
    const result = await system.api('POST', `/recipes/${recipeId}/invoke`, { mode: 'result' }, { headers: { 'idempotency-key': 'zap-attempt-1' } });
    expect(result).toMatchObject({ status: 200, body: { value: 'zap-attempt-1' } });
    expect((await send('with space')).status).toBe(422);
  });

  it('refuses a recipe that is not published, is paused, or whose trigger cannot be invoked', async () => {
    const draft = await system.createRecipe(twoSteps('core/manual'));
    expect((await system.api('POST', `/recipes/${draft}/invoke`, {})).body.error.code).toBe('NOT_PUBLISHED');
    const scheduled = await system.publish({ trigger: { use: 'core/schedule', input: { cron: '0 9 * * 1', timezone: 'UTC' } }, steps: [] });
    const refused = await system.api('POST', `/recipes/${scheduled.recipeId}/invoke`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.problems).toEqual([{ path: '/definition/trigger/use', message: expect.stringContaining('core/manual, core/webhook') }]);
    const paused = await system.publish(twoSteps('core/manual'));
    await system.api('POST', `/recipes/${paused.recipeId}/pause`);
    expect((await system.api('POST', `/recipes/${paused.recipeId}/invoke`, {})).body.error.code).toBe('RECIPE_PAUSED');
    expect((await system.api('POST', '/recipes/rcp_missing/invoke', {})).status).toBe(404);
    expect((await system.api('POST', `/recipes/${draft}/invoke`, { mode: 'later' })).status).toBe(422);
  });
});
