import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Hono } from 'hono';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SECRET_ROTATION_WINDOW_MS } from '../connections/secret-rotation.js';
import { createTestConnections } from '../connections/test-connections.js';
import { createMetrics } from '../observability/metrics.js';
import { createDeliveryQueue } from '../runs/delivery-queue.js';
import { seedRecipe, useMigratedDatabase } from '../storage/test-databases.js';
import { activateTrigger } from '../triggers/activate-trigger.js';
import { packTriggerLifecycle } from '../triggers/pack-trigger-lifecycle.js';
import { PackWebhookSource } from '../triggers/sources/pack-webhook-source.js';
import { WebhookSource } from '../triggers/sources/webhook-source.js';
import type { TriggerDeps } from '../triggers/trigger-deps.js';
import type { AppDeps } from './app-deps.js';
import { hooksRouter } from './hooks-router.js';
import { signerPack } from './signer-test-pack.js';

const pack = signerPack();

/** Rotating a connection's webhook secret, seen from the vendor's side: deliveries over `POST /hooks/<token>`. */
describe('pack webhook secret rotation over the hook route', () => {
  const { database } = useMigratedDatabase('sqlite');

  async function setup() {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const clock = () => now;
    const { box, registry, vendor, connections } = createTestConnections(database, clock);
    const installed = await registry.installPack(pack, 'test', null);
    if (!installed.ok) throw new Error(installed.message);
    const log = pino({ level: 'silent' });
    const triggers: TriggerDeps = {
      database,
      deliveries: createDeliveryQueue(database, clock),
      log,
      now: clock,
      publicUrl: 'https://switchyard.test',
      events: new EventEmitter(),
      onEnqueued: () => {},
      runTimeoutMs: 60_000,
      packs: { registry, connections: connections.auth, vendor, box },
    };
    const packWebhooks = new PackWebhookSource(triggers, triggers.packs!);
    // The hook route reads only these of the app's dependencies.
    const deps = { accepting: () => true, webhooks: new WebhookSource(triggers), packWebhooks, metrics: createMetrics(database, clock), publicUrl: triggers.publicUrl, log };
    const app = new Hono().route('/', hooksRouter(deps as unknown as AppDeps));

    const created = await connections.service.create({ packId: 'signer', name: 'Signer', fields: { api_key: 'k', webhook_secret: 'secret-one' } }, null, { skipTest: true });
    if (!created.ok) throw new Error(created.message);
    const connectionId = created.value.connection.id;
    const { recipe, version } = await seedRecipe(database);
    const config = { use: 'signer/events@1', connection: connectionId };
    const resolved = (await registry.trigger(config.use))!;
    const prepared = await packTriggerLifecycle.prepare(triggers, { config, resolved, existing: undefined });
    const row = await database.write((trx) => activateTrigger(trx, { recipeId: recipe.id, versionId: version.id, definition: { trigger: config, steps: [] }, now, prepared }));

    let sent = 0;
    const deliver = async (secret: string) => {
      const body = JSON.stringify({ event: 'order.paid', n: ++sent });
      const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const response = await app.request(`/hooks/${row.webhook_token}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-signer-signature': signature } });
      return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
    };
    const rotate = async (webhookSecret: string) => {
      const updated = await connections.service.update(connectionId, { fields: { webhook_secret: webhookSecret } }, null, { skipTest: true });
      if (!updated.ok) throw new Error(updated.message);
    };
    return { deliver, rotate, advance: (ms: number) => (now += ms) };
  }

  it('accepts the old secret right after rotation and refuses it once the window has passed', async () => {
    const { deliver, rotate, advance } = await setup();
    expect((await deliver('secret-one')).status).toBe(200);
    await rotate('secret-two');
    // The connection was cached by the delivery before: the new secret works at once all the same.
    expect((await deliver('secret-two')).status).toBe(200);
    expect((await deliver('secret-one')).status).toBe(200);
    advance(SECRET_ROTATION_WINDOW_MS - 60_000);
    expect((await deliver('secret-one')).status).toBe(200);
    advance(60_000);
    const refused = await deliver('secret-one');
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_INVALID' } } });
    expect(JSON.stringify(refused.body)).not.toContain('secret-');
    expect((await deliver('secret-two')).status).toBe(200);
  });

  it('refuses a secret that was never valid, before and after a rotation', async () => {
    const { deliver, rotate } = await setup();
    expect((await deliver('never-valid')).status).toBe(401);
    await rotate('secret-two');
    expect((await deliver('never-valid')).status).toBe(401);
    expect((await deliver('secret-one')).status).toBe(200);
  });

  it('keeps verifying with the last three secrets of a quick series of rotations, not the fourth', async () => {
    const { deliver, rotate, advance } = await setup();
    for (const next of ['secret-two', 'secret-three', 'secret-four', 'secret-five']) {
      await rotate(next);
      advance(1000);
    }
    for (const secret of ['secret-five', 'secret-four', 'secret-three', 'secret-two']) expect((await deliver(secret)).status).toBe(200);
    expect((await deliver('secret-one')).status).toBe(401);
  });
});
