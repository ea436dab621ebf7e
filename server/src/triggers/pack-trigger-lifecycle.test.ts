import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVendor, type FakeVendor } from '../connections/start-fake-vendor.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { startTestSystem, type TestSystem } from '../test-system.js';
import { PackTriggerLoop } from './sources/pack-trigger-loop.js';

/** Pack triggers through the API: publish, deliveries, state, reset and unpublish against a vendor on 127.0.0.1. */
describe('pack triggers through the API', () => {
  let system: TestSystem;
  let vendor: FakeVendor;
  let items: { id: number }[] = [{ id: 1 }];
  let refuse = false;

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    vendor = await startFakeVendor((request) => {
      if (request.url.pathname === '/subscriptions' && request.method === 'POST') {
        return refuse ? { status: 403, body: { error: { message: 'webhooks are not enabled for this account' } } } : { status: 201, body: { id: `sub_${vendor.requests.length}`, secret: 'whsec_from_vendor' } };
      }
      if (request.url.pathname === '/items') return { body: { items: [...items].reverse() } };
      return { status: 204 };
    });
    const installed = await createPackRegistry({ database: system.wired.database, now: Date.now }).installPack(
      {
        id: 'hooky', name: 'Hooky', version: '1.0.0', engine: '^1.0.0', baseUrl: vendor.url, auth: { kind: 'none' },
        triggers: [
          {
            kind: 'subscription', key: 'events', name: 'Events',
            input: [{ key: 'topic', label: 'Topic', required: true }, { key: 'format', label: 'Format', default: 'json' }],
            subscribe: { method: 'POST', path: '/subscriptions', json: { url: '{{webhook.url}}', secret: '{{webhook.secret}}', topic: '{{input.topic}}', format: '{{input.format}}' } },
            unsubscribe: { method: 'DELETE', path: '/subscriptions/{{subscription.id}}' },
            capture: { endpointSecret: 'secret' },
            verification: { scheme: 'hmac', secret: '{{webhook.secret}}', header: 'x-hooky-signature' },
          },
          { kind: 'poll', key: 'items', name: 'New item', request: { path: '/items' }, items: 'items' },
        ],
      },
      'test',
      null,
    );
    if (!installed.ok) throw new Error(JSON.stringify(installed));
  });
  afterAll(async () => {
    await vendor?.close();
    await system?.close();
  });

  const subscribeCalls = () => vendor.requests.filter((r) => r.method === 'POST' && r.url.pathname === '/subscriptions');

  it('checks the input against the trigger fields with JSON pointers', async () => {
    const answer = await system.api('POST', '/recipes', { name: 'Bad', trigger: { use: 'hooky/events', input: { colour: 'red' } }, steps: [] });
    expect(answer.status).toBe(422);
    expect(answer.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['/trigger/input/colour', '/trigger/input/topic']);
    const unknown = await system.api('POST', '/recipes', { name: 'Unknown', trigger: { use: 'hooky/nope' }, steps: [] });
    expect(unknown.body.error.problems[0]).toMatchObject({ path: '/trigger/use', message: expect.stringContaining("has no trigger 'nope'") });
  });

  it('subscribes on publish (input defaults applied), verifies deliveries with the secret it gave, stores and shows state without secrets, unsubscribes on unpublish', async () => {
    const { recipeId, hookPath } = await system.publish({ trigger: { use: 'hooky/events', input: { topic: 'orders' } }, steps: [] });
    const subscribe = subscribeCalls().at(-1)!;
    const sent = JSON.parse(subscribe.body.toString()) as { url: string; secret: string; topic: string; format: string };
    expect(sent.url.endsWith(hookPath)).toBe(true);
    expect(sent.topic).toBe('orders');
    // The recipe left "format" out: the field's default reaches the request.
    expect(sent.format).toBe('json');

    const body = JSON.stringify({ order: 7 });
    const signature = createHmac('sha256', sent.secret).update(body).digest('hex');
    const answer = await system.request('POST', hookPath, undefined, { token: null, raw: body, headers: { 'content-type': 'application/json', 'x-hooky-signature': signature } });
    expect(answer.status).toBe(200);
    expect(answer.body.runIds).toHaveLength(1);
    const forged = await system.request('POST', hookPath, undefined, { token: null, raw: body, headers: { 'content-type': 'application/json', 'x-hooky-signature': 'abc' } });
    expect(forged.status).toBe(401);

    const trigger = (await triggerRepo.byRecipe(system.wired.database.db, recipeId))!;
    const state = await system.api('GET', `/triggers/${trigger.id}/state`);
    expect(state.body.state).toMatchObject({ subscriptionId: expect.stringMatching(/^sub_/), lastError: null });
    for (const secret of [sent.secret, 'whsec_from_vendor']) {
      expect(JSON.stringify(state.body)).not.toContain(secret);
      // Sealed in the database too, not only hidden by the API.
      expect(trigger.state).not.toContain(secret);
    }

    expect((await system.api('POST', `/recipes/${recipeId}/unpublish`)).status).toBe(200);
    expect(vendor.requests.at(-1)).toMatchObject({ method: 'DELETE' });
    expect(vendor.requests.at(-1)!.url.pathname).toBe(`/subscriptions/${state.body.state.subscriptionId}`);
  });

  it("fails publishing with the vendor's message when it refuses, leaving the recipe a draft", async () => {
    refuse = true;
    try {
      const recipeId = await system.createRecipe({ trigger: { use: 'hooky/events', input: { topic: 'x' } }, steps: [] });
      const answer = await system.api('POST', `/recipes/${recipeId}/publish`);
      expect(answer.status).toBe(422);
      expect(answer.body.error.message).toContain('webhooks are not enabled for this account');
      expect((await system.api('GET', `/recipes/${recipeId}`)).body).toMatchObject({ status: 'draft', trigger: null });
    } finally {
      refuse = false;
    }
  });

  it('polls: seeds first, fires new items, and DELETE state makes the next poll seed again', async () => {
    const { recipeId, hookPath } = await system.publish({ trigger: { use: 'hooky/items' }, steps: [] });
    expect(hookPath).toBe('');
    const { database } = system.wired;
    const loop = new PackTriggerLoop(system.wired.appDeps.triggers, system.wired.appDeps.triggers.packs!);
    const trigger = (await triggerRepo.byRecipe(database.db, recipeId))!;
    const pollNow = async () => {
      await database.write((trx) => trx.updateTable('triggers').set({ next_fire_at: 0 }).where('id', '=', trigger.id).execute());
      await loop.tick();
    };
    const runCount = async () => (await database.db.selectFrom('runs').select('id').where('recipe_id', '=', recipeId).execute()).length;

    items = [{ id: 1 }, { id: 2 }];
    await pollNow();
    expect((await system.api('GET', `/triggers/${trigger.id}/state`)).body.state).toMatchObject({ seeded: true, seenCount: 2 });
    items = [{ id: 1 }, { id: 2 }, { id: 3 }];
    await pollNow();
    expect(await runCount()).toBe(1);

    const reset = await system.api('DELETE', `/triggers/${trigger.id}/state`);
    expect(reset.body.state).toMatchObject({ seenCount: 0, lastError: null });
    expect(reset.body.state.seeded).toBeUndefined();
    items = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
    await pollNow();
    expect(await runCount()).toBe(1);
    expect((await system.api('GET', `/triggers/${trigger.id}/state`)).body.state).toMatchObject({ seeded: true, seenCount: 4 });
  });
});
