import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import type { ConnectionAuth } from '../connections/resolved-connection.js';
import { startFakeVendor, type FakeVendor } from '../connections/start-fake-vendor.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { connectionRepo } from '../storage/connection-repo.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';
import { Worker } from './worker.js';

/** A pack step end to end: saved (pinned, checked), run by a worker against a fake vendor, retried with the same key. */
describe('a recipe whose step is a pack action', () => {
  let system: TestSystem;
  let vendor: FakeVendor;
  let worker: Worker;
  const resolved: string[] = [];
  let widgetAnswers: { status: number; headers?: Record<string, string>; body: unknown }[] = [];

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    vendor = await startFakeVendor((request) => {
      if (request.url.pathname !== '/widgets') return { status: 404, body: { error: { message: 'no such route' } } };
      return widgetAnswers.shift() ?? { status: 201, body: { data: { id: 'w1', ...JSON.parse(request.body.toString()) } } };
    });
    const installed = await createPackRegistry({ database: system.wired.database, now: Date.now }).installPack(
      {
        id: 'acme',
        name: 'Acme',
        version: '1.2.0',
        engine: '^1.0.0',
        baseUrl: vendor.url,
        auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key' },
        actions: [
          {
            key: 'create-widget',
            name: 'Create widget',
            input: [
              { key: 'name', label: 'Name', required: true },
              { key: 'size', label: 'Size', type: 'number' },
            ],
            request: { method: 'POST', path: '/widgets', json: { name: '{{input.name}}', size: '{{input.size}}' } },
            output: 'data',
            idempotencyHeader: 'Idempotency-Key',
          },
        ],
      },
      'test',
      null,
    );
    expect(installed.ok).toBe(true);
    const now = Date.now();
    await connectionRepo.insert(system.wired.database.db, {
      id: 'con_acme', pack_id: 'acme', name: 'Acme test', owner_id: null, status: 'ok', status_message: null,
      fields: '{}', secrets: '', token_expires_at: null, last_checked_at: null, created_at: now, updated_at: now,
    });
    // The stored connection is a placeholder; credentials come from this stand-in for the connection store.
    const connections: ConnectionAuth = {
      async resolve(id, pack) {
        resolved.push(`${id}:${pack.id}`);
        return { id, packId: pack.id, fields: { api_key: 'k-secret' } };
      },
      refreshAfterUnauthorized: (stale) => Promise.resolve(stale),
    };
    worker = new Worker({ ...system.wired.appDeps.engine, connections }, { concurrency: 4, leaseMs: 30_000, pollMs: 20 });
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop(1000);
    await vendor?.close();
    await system?.close();
  });

  const recipe = (step: Record<string, unknown>): RecipeDefinition =>
    ({ trigger: { use: 'core/webhook' }, steps: [{ id: 'make', use: 'acme/create-widget', connection: 'con_acme', input: { name: '{{trigger.body.name}}', size: 3 }, retry: { baseDelayMs: 10 }, ...step }] }) as RecipeDefinition;

  it('pins the step to the installed major on save', async () => {
    const id = await system.createRecipe(recipe({}));
    const saved = await system.api('GET', `/recipes/${id}`);
    expect(saved.body.definition.steps[0].use).toBe('acme/create-widget@1');
  });

  it('calls the vendor with the connection and retries a 503 with the same idempotency key', async () => {
    widgetAnswers = [{ status: 503, headers: { 'retry-after': '0' }, body: { message: 'busy' } }];
    const before = vendor.requests.length;
    const { hookPath } = await system.publish(recipe({}));
    const run = await system.deliver(hookPath, { name: 'Sprocket' });
    expect(run.status).toBe('succeeded');
    const step = stepOf(run, 'make');
    expect(step).toMatchObject({ status: 'succeeded', attempts: 2, output: { id: 'w1', name: 'Sprocket', size: 3 } });
    const sent = vendor.requests.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([step.idempotencyKey, step.idempotencyKey]);
    expect(sent.map((r) => r.headers['x-api-key'])).toEqual(['k-secret', 'k-secret']);
    expect(resolved).toContain('con_acme:acme');
  });

  it('fails the run with the vendor message when the vendor refuses for good', async () => {
    widgetAnswers = [{ status: 422, body: { error: { message: 'Name is taken' } } }];
    const { hookPath } = await system.publish(recipe({}));
    const run = await system.deliver(hookPath, { name: 'Taken' });
    expect(run.status).toBe('failed');
    expect(stepOf(run, 'make')).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'HTTP_422', message: 'Acme answered 422: Name is taken' } });
  });

  it('parks a run its throttle holds back without using up an attempt', async () => {
    const installed = await createPackRegistry({ database: system.wired.database, now: Date.now }).installPack(
      {
        id: 'slow', name: 'Slow', version: '1.0.0', engine: '^1.0.0', baseUrl: vendor.url, auth: { kind: 'none' },
        throttle: { requests: 1, perSeconds: 3600 },
        actions: [{ key: 'make', name: 'Make', request: { method: 'POST', path: '/widgets', json: { name: 'x' } } }],
      },
      'test',
      null,
    );
    expect(installed.ok).toBe(true);
    const { hookPath } = await system.publish({ trigger: { use: 'core/webhook' }, steps: [{ id: 'make', use: 'slow/make', retry: { maxAttempts: 1 } }] });
    expect((await system.deliver(hookPath, {})).status).toBe('succeeded');
    const held = (await system.postWebhook(hookPath, {})).body.runId as string;
    const run = await system.waitForRun(held, (r) => r.steps.some((step) => step.status === 'retrying'));
    expect(run.status).toBe('waiting');
    expect(stepOf(run, 'make')).toMatchObject({ status: 'retrying', attempts: 0, error: { code: 'THROTTLED' } });
  });

  it('refuses to save unknown actions, missing or foreign connections and bad literal inputs', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ use: 'acme/launch' }, '/steps/0/use', /no installed pack 'acme' has an action 'launch'/],
      [{ use: 'acme/create-widget@2' }, '/steps/0/use', /not major version 2/],
      [{ connection: undefined }, '/steps/0/connection', /needs a Acme connection/],
      [{ connection: 'con_nope' }, '/steps/0/connection', /no connection "con_nope"/],
      [{ input: { size: 'big' } }, '/steps/0/input/name', /"Name" is required/],
      [{ input: { name: 'x', size: 'big' } }, '/steps/0/input/size', /must be a number/],
      [{ input: { name: 'x', colour: 'red' } }, '/steps/0/input/colour', /has no field "colour"/],
    ];
    for (const [step, path, message] of cases) {
      const answer = await system.api('POST', '/recipes', { name: 'Bad', ...recipe(step) });
      expect(answer.status, path).toBe(422);
      expect(answer.body.error.problems).toContainEqual({ path, message: expect.stringMatching(message) });
    }
  });
});
