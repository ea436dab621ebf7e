import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { dialects } from '../storage/test-databases.js';
import { startTestSystem, type SinkRequest, type TestSystem } from '../test-system.js';
import { HookDeliverer } from './hook-deliverer.js';
import { hookRetryDelaysMs } from './hook-retry-schedule.js';

interface Delivery {
  id: string;
  event: string;
  status: string;
  next_attempt_at: number | null;
  attempts: { attempted_at: number; http_status: number | null; error: string | null }[];
}

// Subscriptions, the outbox and the deliverer on both databases. The deliverer runs on a fake clock (Date is
// faked too, so the receiver's standardwebhooks check of webhook-timestamp agrees with the sender's clock).
describe.each(dialects)('outgoing REST hooks on %s', (dialect) => {
  let system: TestSystem;
  let deliverer: HookDeliverer;
  let clock = 0;
  const setClock = (at: number) => {
    clock = at;
    vi.setSystemTime(at);
  };

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    clock = Date.now();
    system = await startTestSystem({ dialect });
    const { appDeps } = system.wired;
    deliverer = new HookDeliverer({ database: appDeps.database, egress: appDeps.engine.egress, box: appDeps.connections.box, log: appDeps.log, now: () => clock }, { concurrency: 4, pollMs: 1000 });
  });
  afterAll(async () => {
    await system?.close();
    vi.useRealTimers();
  });

  const subscribe = async (body: Record<string, unknown>) => {
    const answer = await system.api('POST', '/hooks/subscriptions', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { id: string; secret: string };
  };
  const deliveriesOf = async (subscriptionId: string): Promise<Delivery[]> => (await system.api('GET', `/hooks/subscriptions/${subscriptionId}/deliveries`)).body.deliveries;
  /** Sends what is due now, pass after pass, until nothing is (bounded). */
  const deliverDue = async () => {
    let sent = 0;
    for (let pass = 0; pass < 20; pass++) {
      const attempted = await deliverer.deliverDue();
      if (attempted === 0) return sent;
      sent += attempted;
    }
    throw new Error('deliveries kept coming after 20 passes');
  };
  /** Every request to the path passed the Standard Webhooks check with this secret; their parsed bodies. */
  const verified = (path: string, secret: string) =>
    system.sink.hits(path).map((request) => verify(request, secret));
  const verify = (request: SinkRequest, secret: string) => new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as Record<string, unknown>;
  /** The newest request to the path, checked now (each attempt is signed at its own time). */
  const verifiedLast = (path: string, secret: string) => verify(system.sink.hits(path).at(-1)!, secret);
  const invoke = async (recipeId: string, input: unknown) => {
    const answer = await system.api('POST', `/recipes/${recipeId}/invoke`, { input, mode: 'result' });
    expect(answer.status, JSON.stringify(answer.body)).not.toBe(202);
    return answer;
  };
  const shout: RecipeDefinition = {
    trigger: { use: 'core/manual' },
    steps: [{ id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.text}}' } }],
  };

  it('subscribes with a secret shown once and delivers signed run.succeeded and run.failed events', async () => {
    const { recipeId } = await system.publish(shout, 'Shouter');
    const failing = await system.publish({ trigger: { use: 'core/manual' }, steps: [{ id: 'call', use: 'core/http', input: { url: `${system.sink.url}/refuses` } }] });
    system.sink.script('/refuses', { status: 400, body: { error: 'no' } });
    const succeeded = await subscribe({ target_url: `${system.sink.url}/zap/succeeded`, event: 'run.succeeded', recipe_id: recipeId });
    const failed = await subscribe({ target_url: `${system.sink.url}/zap/failed`, event: 'run.failed' });
    expect(succeeded.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = (await system.api('GET', '/hooks/subscriptions')).body.subscriptions as Record<string, unknown>[];
    expect(listed.find((row) => row['id'] === succeeded.id)).toEqual({
      id: succeeded.id, target_url: `${system.sink.url}/zap/succeeded`, event: 'run.succeeded', recipe_id: recipeId, emit_name: null,
      status: 'active', created_at: expect.any(Number), unsubscribed_at: null,
    });
    expect(JSON.stringify(listed)).not.toContain('whsec_');

    expect((await invoke(recipeId, { text: 'hello' })).body).toEqual({ value: 'HELLO' });
    const failedRun = await invoke(failing.recipeId, {});
    expect(failedRun.status).toBe(422);
    expect(await deliverDue()).toBe(2);

    const [event] = verified('/zap/succeeded', succeeded.secret);
    expect(event).toMatchObject({ type: 'run.succeeded', data: { run: { status: 'succeeded' }, recipe: { id: recipeId, name: 'Shouter' }, output: { value: 'HELLO' }, error: null } });
    const [failure] = verified('/zap/failed', failed.secret);
    expect(failure).toMatchObject({ type: 'run.failed', data: { run: { id: failedRun.body.error.runId, status: 'failed' }, recipe: { id: failing.recipeId }, output: null, error: { step: 'call' } } });
    const request = system.sink.hits('/zap/succeeded')[0]!;
    expect(request.headers['webhook-timestamp']).toBe(String(Math.floor(clock / 1000)));
    const [delivery] = await deliveriesOf(succeeded.id);
    expect(request.headers['webhook-id']).toBe(delivery!.id);
    expect(delivery).toMatchObject({ event: 'run.succeeded', status: 'succeeded', next_attempt_at: null, attempts: [{ attempted_at: clock, http_status: 200, error: null }] });
  });

  it('core/emit queues a named event for the subscriptions whose filters match, and its output says for how many', async () => {
    const emitter = (name: string): RecipeDefinition => ({
      trigger: { use: 'core/manual' },
      steps: [{ id: 'emit', use: 'core/emit', input: { name, payload: { order: '{{trigger.body.order}}', total: '{{trigger.body.total}}' } } }],
    });
    const { recipeId } = await system.publish(emitter('order.created'));
    const other = await system.publish(emitter('order.created'));
    const byName = await subscribe({ target_url: `${system.sink.url}/make/by-name`, event: 'recipe.emitted', emit_name: 'order.created', recipe_id: recipeId });
    const any = await subscribe({ target_url: `${system.sink.url}/make/any`, event: 'recipe.emitted' });
    await subscribe({ target_url: `${system.sink.url}/make/other-name`, event: 'recipe.emitted', emit_name: 'order.paid' });
    await subscribe({ target_url: `${system.sink.url}/make/other-recipe`, event: 'recipe.emitted', recipe_id: other.recipeId, emit_name: 'order.created' });

    const answer = await system.api('POST', `/recipes/${recipeId}/invoke`, { input: { order: 'A-1', total: 42 }, mode: 'result', step: 'emit' });
    expect(answer.body).toEqual({ name: 'order.created', queued: 2 });
    await deliverDue();
    const data = { name: 'order.created', payload: { order: 'A-1', total: 42 }, recipe: { id: recipeId } };
    expect(verified('/make/by-name', byName.secret)).toEqual([{ type: 'recipe.emitted', timestamp: new Date(clock).toISOString(), data: { ...data, run: { id: expect.any(String) } } }]);
    expect(verified('/make/any', any.secret)).toMatchObject([{ type: 'recipe.emitted', data }]);
    expect(system.sink.hits('/make/other-name')).toEqual([]);
    expect(system.sink.hits('/make/other-recipe')).toEqual([]);
  });

  it('retries timeouts-like failures (503, 429, 500, refused connections) on the Standard Webhooks schedule, with the same webhook-id', async () => {
    const { recipeId } = await system.publish(shout);
    const sub = await subscribe({ target_url: `${system.sink.url}/n8n/flaky`, event: 'run.finished', recipe_id: recipeId });
    system.sink.script('/n8n/flaky', { status: 503 }, { status: 429 }, { status: 500 });
    await invoke(recipeId, { text: 'x' });
    const start = clock;
    expect(await deliverDue()).toBe(1);
    expect(verifiedLast('/n8n/flaky', sub.secret)).toMatchObject({ type: 'run.finished' });
    expect((await deliveriesOf(sub.id))[0]).toMatchObject({ status: 'pending', next_attempt_at: start + 5_000 });

    setClock(start + 4_999);
    expect(await deliverDue()).toBe(0);
    setClock(start + 5_000);
    expect(await deliverDue()).toBe(1);
    verifiedLast('/n8n/flaky', sub.secret);
    expect((await deliveriesOf(sub.id))[0]!.next_attempt_at).toBe(start + 5_000 + 5 * 60_000);
    setClock(start + 5_000 + 5 * 60_000);
    expect(await deliverDue()).toBe(1);
    verifiedLast('/n8n/flaky', sub.secret);
    expect((await deliveriesOf(sub.id))[0]!.next_attempt_at).toBe(start + 5_000 + 35 * 60_000);
    setClock(start + 5_000 + 35 * 60_000);
    expect(await deliverDue()).toBe(1);
    verifiedLast('/n8n/flaky', sub.secret);

    const [delivery] = await deliveriesOf(sub.id);
    expect(delivery!.status).toBe('succeeded');
    expect(delivery!.attempts.map((attempt) => [attempt.http_status, attempt.error])).toEqual([
      [503, 'the target answered 503'],
      [429, 'the target answered 429'],
      [500, 'the target answered 500'],
      [200, null],
    ]);
    const requests = system.sink.hits('/n8n/flaky');
    expect(new Set(requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([delivery!.id]));

    const refused = await subscribe({ target_url: 'http://127.0.0.1:1/closed', event: 'run.finished', recipe_id: recipeId });
    await invoke(recipeId, { text: 'y' });
    await deliverDue();
    expect((await deliveriesOf(refused.id))[0]).toMatchObject({ status: 'pending', attempts: [{ http_status: null, error: expect.stringMatching(/^EGRESS_CONNECT/) }] });
    expect((await system.api('DELETE', `/hooks/subscriptions/${refused.id}`)).status).toBe(204);
  });

  it('gives up after the eighth attempt', async () => {
    const { recipeId } = await system.publish(shout);
    const sub = await subscribe({ target_url: `${system.sink.url}/down`, event: 'run.succeeded', recipe_id: recipeId });
    system.sink.script('/down', ...Array.from({ length: 8 }, () => ({ status: 502 })));
    await invoke(recipeId, { text: 'x' });
    await deliverDue();
    for (const delay of hookRetryDelaysMs) {
      setClock(clock + delay);
      expect(await deliverDue()).toBe(1);
    }
    const [delivery] = await deliveriesOf(sub.id);
    expect(delivery).toMatchObject({ status: 'failed', next_attempt_at: null });
    expect(delivery!.attempts).toHaveLength(8);
    setClock(clock + 24 * 3_600_000);
    expect(await deliverDue()).toBe(0);
  });

  it('does not retry other 4xx answers, follows no redirect, and sends nothing to a private address', async () => {
    const { recipeId } = await system.publish(shout);
    const rejecting = await subscribe({ target_url: `${system.sink.url}/rejects`, event: 'run.succeeded', recipe_id: recipeId });
    const redirecting = await subscribe({ target_url: `${system.sink.url}/moved`, event: 'run.succeeded', recipe_id: recipeId });
    const internal = await subscribe({ target_url: 'http://10.20.30.40/hook', event: 'run.succeeded', recipe_id: recipeId });
    system.sink.script('/rejects', { status: 400 });
    system.sink.script('/moved', { status: 302, headers: { location: `${system.sink.url}/elsewhere` } });
    await invoke(recipeId, { text: 'x' });
    await deliverDue();
    expect((await deliveriesOf(rejecting.id))[0]).toMatchObject({ status: 'failed', attempts: [{ http_status: 400 }] });
    expect((await deliveriesOf(redirecting.id))[0]).toMatchObject({ status: 'failed', attempts: [{ http_status: null, error: 'the target answered with a redirect, which is not followed' }] });
    expect(system.sink.hits('/elsewhere')).toEqual([]);
    expect((await deliveriesOf(internal.id))[0]).toMatchObject({ status: 'failed', attempts: [{ error: expect.stringMatching(/^EGRESS_BLOCKED/) }] });
  });

  it('410 Gone unsubscribes: what was still queued is cancelled and no new event is queued', async () => {
    const { recipeId } = await system.publish(shout);
    const sub = await subscribe({ target_url: `${system.sink.url}/gone`, event: 'run.succeeded', recipe_id: recipeId });
    system.sink.script('/gone', { status: 503 }, { status: 410 });
    await invoke(recipeId, { text: 'one' });
    expect(await deliverDue()).toBe(1);
    await invoke(recipeId, { text: 'two' });
    // The first event waits for its retry; the second is sent and answered 410.
    expect(await deliverDue()).toBe(1);
    const deliveries = await deliveriesOf(sub.id);
    // Sorted: both were queued in the same (fake) millisecond, so their order is not theirs to keep.
    expect(deliveries.map((delivery) => [delivery.status, delivery.attempts.map((attempt) => attempt.http_status)]).sort()).toEqual([
      ['cancelled', [503]],
      ['failed', [410]],
    ]);
    const listed = (await system.api('GET', '/hooks/subscriptions')).body.subscriptions.find((row: { id: string }) => row.id === sub.id);
    expect(listed).toMatchObject({ status: 'unsubscribed', unsubscribed_at: clock });
    await invoke(recipeId, { text: 'three' });
    setClock(clock + 60_000);
    expect(await deliverDue()).toBe(0);
    expect(await deliveriesOf(sub.id)).toHaveLength(2);
    expect(system.sink.hits('/gone')).toHaveLength(2);
  });

  it('unsubscribes by id or by target URL, and refuses what it cannot honour', async () => {
    const a = await subscribe({ target_url: `${system.sink.url}/zapier/hook-a`, event: 'run.finished' });
    await subscribe({ target_url: `${system.sink.url}/zapier/hook-b`, event: 'run.finished' });
    await subscribe({ target_url: `${system.sink.url}/zapier/hook-b`, event: 'run.failed' });
    expect((await system.api('DELETE', `/hooks/subscriptions/${a.id}`)).status).toBe(204);
    expect((await system.api('DELETE', `/hooks/subscriptions/${a.id}`)).status).toBe(404);
    const byUrl = `/hooks/subscriptions?target_url=${encodeURIComponent(`${system.sink.url}/zapier/hook-b`)}`;
    expect((await system.api('DELETE', byUrl)).status).toBe(204);
    expect((await system.api('DELETE', byUrl)).status).toBe(404);
    const targets = (await system.api('GET', '/hooks/subscriptions')).body.subscriptions.map((row: { target_url: string }) => row.target_url);
    expect(targets.filter((url: string) => url.includes('/zapier/'))).toEqual([]);

    const refusals = [
      [{ target_url: 'ftp://example.com/x', event: 'run.finished' }, '/target_url'],
      [{ target_url: 'https://example.com/x', event: 'run.started' }, '/event'],
      [{ target_url: 'https://example.com/x', event: 'run.failed', emit_name: 'x' }, '/emit_name'],
      [{ target_url: 'https://example.com/x', event: 'run.failed', recipe_id: 'rcp_missing' }, '/recipe_id'],
    ] as const;
    for (const [body, path] of refusals) {
      const answer = await system.api('POST', '/hooks/subscriptions', body);
      expect({ status: answer.status, paths: answer.body.error.problems?.map((problem: { path: string }) => problem.path) }).toEqual({ status: 422, paths: [path] });
    }
    const viewer = await system.addUser('viewer');
    expect((await system.api('POST', '/hooks/subscriptions', { target_url: 'https://example.com/x', event: 'run.failed' }, { token: viewer })).status).toBe(403);
    expect((await system.api('GET', '/hooks/subscriptions', undefined, { token: viewer })).status).toBe(200);
  });
});
