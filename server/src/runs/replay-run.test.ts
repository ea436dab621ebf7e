import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import type { RunDetail } from '../contracts/run.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

describe('replay (DESIGN §4.6)', () => {
  let system: TestSystem;
  let recipeId: string;
  let failed: RunDetail;
  beforeAll(async () => {
    system = await startTestSystem();
    system.sink.script('/fetch', { body: { n: 1 } }, { body: { n: 2 } });
    system.sink.script('/post', { status: 400, body: { error: 'rejected' } });
    const published = await system.publish(definition('text.lower'));
    recipeId = published.recipeId;
    failed = await system.deliver(published.hookPath, { order: 7 });
  });
  afterAll(() => system?.close());

  function definition(tailOperation: string): RecipeDefinition {
    const url = (path: string) => `${system.sink.url}${path}`;
    return {
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'fetch', use: 'core/http', input: { url: url('/fetch') } },
        { id: 'post', use: 'core/http', input: { method: 'POST', url: url('/post'), json: { n: '{{steps.fetch.output.body.n}}', order: '{{trigger.body.order}}' } } },
        { id: 'tail', use: 'core/formatter', input: { operation: tailOperation, value: 'Done' } },
      ],
    };
  }

  const replay = (runId: string, body: object) => system.api('POST', `/runs/${runId}/replay`, body);
  const runCount = async () => (await system.api('GET', `/runs?recipe=${recipeId}`)).body.runs.length;

  it('starts from a failed run', () => {
    expect(failed.status).toBe('failed');
    expect(stepOf(failed, 'post').status).toBe('failed');
    expect(system.sink.hits('/fetch')).toHaveLength(1);
  });

  it('previews what would run again, side effects listed, and creates nothing', async () => {
    const before = await runCount();
    const fromFailed = await replay(failed.id, { from: 'failed', preview: true });
    expect(fromFailed.status).toBe(200);
    expect(fromFailed.body.preview).toEqual({ reused: ['fetch'], rerun: ['post', 'tail'], sideEffectsRerun: ['post'], versionId: failed.versionId });
    const fromStart = await replay(failed.id, { preview: true });
    expect(fromStart.body.preview).toMatchObject({ reused: [], rerun: ['fetch', 'post', 'tail'], sideEffectsRerun: ['fetch', 'post'] });
    const fromTail = await replay(failed.id, { from: { step: 'tail' }, preview: true });
    expect(fromTail.body.preview).toMatchObject({ reused: ['fetch'], rerun: ['post', 'tail'] });
    expect(await runCount()).toBe(before);
  });

  it('replays from the failed step reusing the recorded upstream output (not calling it again)', async () => {
    const started = await replay(failed.id, { from: 'failed' });
    expect(started.status).toBe(202);
    const run = await system.waitForRun(started.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', replayOf: failed.id, versionId: failed.versionId, trigger: { body: { order: 7 } } });
    expect(system.sink.hits('/fetch')).toHaveLength(1);
    expect(system.sink.hits('/post').at(-1)!.json).toEqual({ n: 1, order: 7 });
    expect(stepOf(run, 'fetch')).toMatchObject({ status: 'succeeded', output: stepOf(failed, 'fetch').output });
    expect(stepOf(run, 'post').idempotencyKey).not.toBe(stepOf(failed, 'post').idempotencyKey);
    expect(run.output).toEqual({ value: 'done' });
  });

  it('replays from a chosen step, reusing everything before it', async () => {
    const source = (await system.api('GET', `/runs?recipe=${recipeId}&status=succeeded`)).body.runs[0].id as string;
    const postsBefore = system.sink.hits('/post').length;
    const started = await replay(source, { from: { step: 'tail' } });
    const run = await system.waitForRun(started.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', replayOf: source });
    expect(system.sink.hits('/fetch')).toHaveLength(1);
    expect(system.sink.hits('/post')).toHaveLength(postsBefore);
  });

  it('replays from the start, calling every step again', async () => {
    const started = await replay(failed.id, { from: 'start' });
    const run = await system.waitForRun(started.body.runId);
    expect(run.status).toBe('succeeded');
    expect(system.sink.hits('/fetch')).toHaveLength(2);
    expect(system.sink.hits('/post').at(-1)!.json).toEqual({ n: 2, order: 7 });
  });

  it('replays on the latest version when asked, the original one otherwise', async () => {
    await system.api('PATCH', `/recipes/${recipeId}`, { definition: definition('text.upper') });
    const republished = await system.api('POST', `/recipes/${recipeId}/publish`);
    const latestVersion = republished.body.recipe.publishedVersionId as string;

    const preview = await replay(failed.id, { from: 'failed', version: 'latest', preview: true });
    expect(preview.body.preview.versionId).toBe(latestVersion);
    const onLatest = await system.waitForRun((await replay(failed.id, { from: 'failed', version: 'latest' })).body.runId);
    expect(onLatest).toMatchObject({ status: 'succeeded', versionId: latestVersion, output: { value: 'DONE' } });
    const onOriginal = await system.waitForRun((await replay(failed.id, { from: 'failed' })).body.runId);
    expect(onOriginal).toMatchObject({ versionId: failed.versionId, output: { value: 'done' } });
  });

  it('refuses replays with nothing to start from', async () => {
    const succeeded = (await system.api('GET', `/runs?recipe=${recipeId}&status=succeeded`)).body.runs[0].id as string;
    const nothingFailed = await replay(succeeded, { from: 'failed' });
    expect(nothingFailed.status).toBe(422);
    expect(nothingFailed.body.error.code).toBe('NOTHING_FAILED');
    const unknown = await replay(failed.id, { from: { step: 'ghost' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('REPLAY_TARGET_UNKNOWN');
    expect((await replay('run_missing', {})).status).toBe(404);
    expect((await replay(failed.id, { from: 'middle' })).status).toBe(422);
  });
});
