import { createHmac } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { fromJson } from '../../storage/json-column.js';
import { seedRecipe, useMigratedDatabase } from '../../storage/test-databases.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { activateTrigger } from '../activate-trigger.js';
import { packTriggerFakes } from '../pack-trigger-fakes.js';
import { packTriggerLifecycle } from '../pack-trigger-lifecycle.js';
import { publicPackTriggerState, readPackTriggerState } from '../pack-trigger-state.js';
import { PackWebhookSource } from './pack-webhook-source.js';

const signed = { scheme: 'hmac', secret: '{{connection.signing_secret}}', header: 'x-acme-signature', prefix: 'sha256=' };
const orderEvents = {
  kind: 'webhook',
  key: 'order-events',
  name: 'Order events',
  verification: signed,
  events: 'events',
  filter: { value: '{{event.type}}', oneOf: ['order.created', 'order.paid'] },
};
const xeroLike = { ...orderEvents, key: 'quiet-events', name: 'Quiet events', verification: { ...signed, encoding: 'base64', prefix: undefined }, emptyReply: true };
const githubPush = { kind: 'webhook', key: 'push', name: 'Push', verification: { scheme: 'github', secret: '{{connection.signing_secret}}' } };
const slackEvents = {
  kind: 'subscription',
  key: 'slack-events',
  name: 'Slack events',
  input: [{ key: 'project', label: 'Project' }, { key: 'region', label: 'Region', default: 'eu' }],
  subscribe: { method: 'POST', path: '/hooks', json: { url: '{{webhook.url}}', secret: '{{webhook.secret}}', project: '{{input.project}}', region: '{{input.region}}' } },
  unsubscribe: { method: 'DELETE', path: '/hooks/{{subscription.id}}' },
  capture: { signing: 'signing_secret' },
  handshake: { type: 'slack_url_verification' },
  verification: { scheme: 'hmac', secret: '{{subscription.signing}}', header: 'x-acme-signature', prefix: 'sha256=' },
};
const asanaEvents = {
  kind: 'subscription',
  key: 'asana-events',
  name: 'Asana events',
  subscribe: { method: 'POST', path: '/webhooks', json: { target: '{{webhook.url}}' } },
  subscriptionId: 'data.gid',
  unsubscribe: { method: 'DELETE', path: '/webhooks/{{subscription.id}}' },
  handshake: { type: 'echo_header', header: 'X-Hook-Secret' },
  verification: { scheme: 'hmac', secret: '{{webhook.secret}}', header: 'x-hook-signature' },
  events: 'events',
};
const ourSecretEvents = {
  kind: 'subscription',
  key: 'our-secret',
  name: 'Our secret',
  subscribe: { method: 'POST', path: '/subs', json: { url: '{{webhook.url}}', secret: '{{webhook.secret}}' } },
  unsubscribe: { method: 'DELETE', path: '/subs/{{subscription.id}}', json: { secret: '{{webhook.secret}}' } },
  verification: { scheme: 'hmac', secret: '{{webhook.secret}}', header: 'x-acme-signature' },
};

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

describe('pack webhook and subscription triggers', () => {
  const { database } = useMigratedDatabase('sqlite');

  async function setup() {
    const fakes = packTriggerFakes(database, { triggers: [orderEvents, xeroLike, githubPush, slackEvents, asanaEvents, ourSecretEvents] as never }, { connectionFields: { signing_secret: 's3cret' } });
    const source = new PackWebhookSource(fakes.deps, fakes.packs);
    const { recipe, version } = await seedRecipe(database);
    const publish = async (use: string, input: Record<string, unknown> = {}) => {
      const config = { use, connection: 'con_1', input };
      const resolved = (await fakes.packs.registry.trigger(use))!;
      const existing = await triggerRepo.byRecipe(database.db, recipe.id);
      const prepared = await packTriggerLifecycle.prepare(fakes.deps, { config, resolved, existing });
      const row = await database.write((trx) =>
        activateTrigger(trx, { recipeId: recipe.id, versionId: version.id, definition: { trigger: config, steps: [] }, now: 1, prepared }),
      );
      await prepared.committed();
      source.invalidate();
      return row;
    };
    const send = async (token: string, body: string, headers: Record<string, string> = {}) => {
      const hook = await source.lookup(token);
      if (!hook) return { status: 404, body: null, headers: undefined };
      const url = `https://switchyard.test/hooks/${token}`;
      return source.deliver(hook, { method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, query: {}, rawBody: Buffer.from(body) });
    };
    const runs = async () =>
      (await database.db.selectFrom('runs').select('trigger_event').where('recipe_id', '=', recipe.id).execute()).map((r) => fromJson(r.trigger_event));
    const rawState = async (id: string) => (await triggerRepo.byId(database.db, id))!.state;
    const state = async (id: string) => readPackTriggerState(fromJson(await rawState(id)));
    return { fakes, source, publish, send, runs, state, rawState, recipe };
  }

  it('verifies with the connection secret, splits the batch, filters, and dedupes a repeated delivery', async () => {
    const { publish, send, runs } = await setup();
    const row = await publish('acme/order-events@1');
    const body = JSON.stringify({ events: [{ type: 'order.created', id: 1 }, { type: 'order.deleted', id: 2 }, { type: 'order.paid', id: 3 }] });
    const headers = { 'x-acme-signature': `sha256=${sign('s3cret', body)}`, 'webhook-id': 'dlv-1' };
    const first = await send(row.webhook_token, body, headers);
    expect(first).toMatchObject({ status: 200, body: { accepted: true, duplicates: 0, filtered: 1 } });
    expect(await runs()).toEqual([{ type: 'order.created', id: 1 }, { type: 'order.paid', id: 3 }]);
    expect(await send(row.webhook_token, body, headers)).toMatchObject({ status: 200, body: { runIds: [], duplicates: 2 } });
    expect(await runs()).toHaveLength(2);
  });

  it('answers 200 and starts nothing for a correctly signed empty batch (Xero\'s intent to receive), 401 for a badly signed one; emptyReply sends no body', async () => {
    const { publish, send, runs } = await setup();
    const row = await publish('acme/quiet-events@1');
    const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'S0m3r4Nd0mt3xt' });
    const signature = createHmac('sha256', 's3cret').update(body).digest('base64');
    expect(await send(row.webhook_token, body, { 'x-acme-signature': signature })).toEqual({ status: 200, body: undefined });
    expect(await send(row.webhook_token, body, { 'x-acme-signature': createHmac('sha256', 'wrong').update(body).digest('base64') })).toEqual({ status: 401, body: undefined });
    expect(await runs()).toEqual([]);
    const loud = await publish('acme/order-events@1');
    expect(await send(loud.webhook_token, body, { 'x-acme-signature': `sha256=${sign('s3cret', body)}` })).toMatchObject({ status: 200, body: { accepted: true, runIds: [] } });
  });

  it("verifies a named scheme (GitHub's X-Hub-Signature-256) and keys the run by the delivery id", async () => {
    const { publish, send, runs } = await setup();
    const row = await publish('acme/push@1');
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    const headers = { 'x-hub-signature-256': `sha256=${sign('s3cret', body)}`, 'x-github-delivery': 'gh-1' };
    expect((await send(row.webhook_token, body, headers)).status).toBe(200);
    expect((await send(row.webhook_token, body, { ...headers, 'x-hub-signature-256': 'sha256=00' })).status).toBe(401);
    expect(await send(row.webhook_token, body, headers)).toMatchObject({ status: 200, body: { duplicates: 1 } });
    expect(await runs()).toEqual([{ ref: 'refs/heads/main' }]);
  });

  it('answers 401 to a malformed or wrong signature and stores nothing', async () => {
    const { publish, send, runs } = await setup();
    const row = await publish('acme/order-events@1');
    const body = JSON.stringify({ events: [{ type: 'order.created' }] });
    for (const signature of ['sha256=zz-not-hex', `sha256=${sign('wrong', body)}`, '']) {
      const answer = await send(row.webhook_token, body, { 'x-acme-signature': signature });
      expect(answer.status).toBe(401);
      expect(JSON.stringify(answer.body)).not.toContain('s3cret');
    }
    expect(await runs()).toEqual([]);
  });

  it('subscribes on publish with our URL, a fresh secret and the input with its defaults, answers Slack url_verification, and unsubscribes on release', async () => {
    const { fakes, publish, send, state, rawState } = await setup();
    fakes.answerWith((call) => ({ status: 201, headers: {}, body: call.method === 'POST' ? { id: 'sub_9', signing_secret: 'vendor-secret' } : {} }));
    const row = await publish('acme/slack-events@1', { project: 'p1' });
    const subscribe = fakes.calls[0]!;
    expect(subscribe).toMatchObject({ method: 'POST', path: '/hooks', json: { url: `https://switchyard.test/hooks/${row.webhook_token}`, project: 'p1', region: 'eu' } });
    expect((subscribe.json as { secret: string }).secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await state(row.id)).toMatchObject({ subscription: { id: 'sub_9', captured: expect.stringMatching(/^v1\./) } });
    expect(await rawState(row.id)).not.toContain('vendor-secret');

    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'ch-1' });
    expect(await send(row.webhook_token, challenge)).toEqual({ status: 200, body: { challenge: 'ch-1' } });
    const forged = { 'x-slack-signature': 'v0=forged', 'x-acme-signature': `sha256=${sign('guess', challenge)}` };
    expect((await send(row.webhook_token, challenge, forged)).status).toBe(401);
    const genuine = { 'x-slack-signature': 'v0=x', 'x-acme-signature': `sha256=${sign('vendor-secret', challenge)}` };
    expect(await send(row.webhook_token, challenge, genuine)).toEqual({ status: 200, body: { challenge: 'ch-1' } });
    const event = JSON.stringify({ type: 'event_callback' });
    expect((await send(row.webhook_token, event, { 'x-acme-signature': `sha256=${sign('vendor-secret', event)}` })).status).toBe(200);

    await database.write((trx) => triggerRepo.deactivate(trx, row.recipe_id));
    await packTriggerLifecycle.release(fakes.deps, (await triggerRepo.byId(database.db, row.id))!);
    expect(fakes.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/hooks/sub_9' });
    expect((await state(row.id)).subscription).toBeUndefined();
  });

  it('seals captured values: a restarted process verifies and unsubscribes with them, and an unsealed state is read, then sealed', async () => {
    const { fakes, publish, state, rawState } = await setup();
    fakes.answerWith((call) => ({ status: 201, headers: {}, body: call.method === 'POST' ? { id: 'sub_7', signing_secret: 'whsec_captured' } : {} }));
    const row = await publish('acme/slack-events@1', { project: 'p1' });
    expect(await rawState(row.id)).not.toContain('whsec_captured');
    const body = JSON.stringify({ type: 'event_callback' });
    const signedWith = (secret: string) => ({ 'x-acme-signature': `sha256=${sign(secret, body)}` });
    // A restarted process keeps only the database and the key: a fresh source opens the captured secret.
    const restarted = new PackWebhookSource(fakes.deps, fakes.packs);
    const deliver = async (headers: Record<string, string>) => {
      restarted.invalidate();
      const hook = (await restarted.lookup(row.webhook_token))!;
      return restarted.deliver(hook, { method: 'POST', url: '', headers: { 'content-type': 'application/json', ...headers }, query: {}, rawBody: Buffer.from(body) });
    };
    expect((await deliver(signedWith('whsec_captured'))).status).toBe(200);
    expect((await deliver(signedWith('guess'))).status).toBe(401);

    const sealed = (await state(row.id)).subscription!;
    await database.write((trx) => triggerRepo.setState(trx, row.id, { subscription: { ...sealed, captured: { signing: 'whsec_legacy' } } }));
    expect((await deliver(signedWith('whsec_legacy'))).status).toBe(200);
    expect(await rawState(row.id)).not.toContain('whsec_legacy');
    expect((await deliver(signedWith('whsec_legacy'))).status).toBe(200);

    await database.write((trx) => triggerRepo.deactivate(trx, row.recipe_id));
    await packTriggerLifecycle.release(fakes.deps, (await triggerRepo.byId(database.db, row.id))!);
    expect(fakes.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/hooks/sub_7' });
  });

  it('echoes X-Hook-Secret during the subscribe call and verifies later deliveries with it', async () => {
    const { fakes, source, publish, send, runs, state, rawState } = await setup();
    fakes.answerWith(async (call) => {
      if (call.method !== 'POST') return { status: 204, headers: {}, body: null };
      // The vendor handshakes with our URL before it answers the subscribe call.
      const token = String((call.json as { target: string }).target).split('/').at(-1)!;
      const hook = await source.lookup(token);
      const answer = await source.deliver(hook!, { method: 'POST', url: '', headers: { 'x-hook-secret': 'asana-secret' }, query: {}, rawBody: Buffer.alloc(0) });
      expect(answer).toEqual({ status: 200, body: {}, headers: { 'X-Hook-Secret': 'asana-secret' } });
      const parked = await database.db.selectFrom('kv').selectAll().execute();
      expect(parked).toHaveLength(1);
      expect(JSON.stringify(parked)).not.toContain('asana-secret');
      return { status: 201, headers: {}, body: { data: { gid: '1200' } } };
    });
    const row = await publish('acme/asana-events@1');
    expect(await state(row.id)).toMatchObject({ subscription: { id: '1200' }, hookSecret: expect.stringMatching(/^v1\./) });
    const subscriptionSecret = (fakes.calls[0]!.scope['webhook'] as { secret: string }).secret;
    expect(await rawState(row.id)).not.toContain('asana-secret');
    expect(await rawState(row.id)).not.toContain(subscriptionSecret);
    expect((await send(row.webhook_token, '', { 'x-hook-secret': 'attacker' })).status).toBe(401);
    const body = JSON.stringify({ events: [{ action: 'added' }, { action: 'changed' }] });
    expect((await send(row.webhook_token, body, { 'x-hook-signature': sign('asana-secret', body) })).status).toBe(200);
    expect(await runs()).toHaveLength(2);
  });

  it('seals the secret it gives on subscribe: the raw state holds no secret, deliveries and unsubscribe still use it', async () => {
    const { fakes, publish, send, state, rawState } = await setup();
    fakes.answerWith((call) => ({ status: 201, headers: {}, body: call.method === 'POST' ? { id: 'sub_5' } : {} }));
    const row = await publish('acme/our-secret@1');
    const secret = (fakes.calls[0]!.json as { secret: string }).secret;
    expect(await rawState(row.id)).not.toContain(secret);
    expect((await state(row.id)).subscription).toMatchObject({ id: 'sub_5', secret: expect.stringMatching(/^v1\./) });
    const body = JSON.stringify({ n: 1 });
    expect((await send(row.webhook_token, body, { 'x-acme-signature': sign(secret, body) })).status).toBe(200);
    expect((await send(row.webhook_token, body, { 'x-acme-signature': sign('guess', body) })).status).toBe(401);
    await database.write((trx) => triggerRepo.deactivate(trx, row.recipe_id));
    await packTriggerLifecycle.release(fakes.deps, (await triggerRepo.byId(database.db, row.id))!);
    expect(fakes.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/subs/sub_5', json: { secret } });
  });

  it('seals an X-Hook-Secret that arrives after publishing, verifies with it, and takes no second one', async () => {
    const { fakes, publish, send, runs, rawState } = await setup();
    fakes.answerWith(() => ({ status: 201, headers: {}, body: { data: { gid: '1300' } } }));
    const row = await publish('acme/asana-events@1');
    expect(await send(row.webhook_token, '', { 'x-hook-secret': 'late-secret' })).toMatchObject({ status: 200, headers: { 'X-Hook-Secret': 'late-secret' } });
    expect(await rawState(row.id)).not.toContain('late-secret');
    expect((await send(row.webhook_token, '', { 'x-hook-secret': 'second' })).status).toBe(401);
    const body = JSON.stringify({ events: [{ action: 'added' }] });
    expect((await send(row.webhook_token, body, { 'x-hook-signature': sign('late-secret', body) })).status).toBe(200);
    expect(await runs()).toHaveLength(1);
  });

  it('treats a secret stored unsealed as absent, with a warning that does not show it, and still shows the state', async () => {
    const { fakes, source, publish, send, state } = await setup();
    fakes.answerWith(() => ({ status: 201, headers: {}, body: { data: { gid: '1400' } } }));
    const row = await publish('acme/asana-events@1');
    const sealed = await state(row.id);
    await database.write((trx) => triggerRepo.setState(trx, row.id, { ...sealed, hookSecret: 'plain-legacy' }));
    const lines: string[] = [];
    fakes.deps.log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    source.invalidate();
    const body = JSON.stringify({ events: [{ action: 'added' }] });
    expect((await send(row.webhook_token, body, { 'x-hook-signature': sign('plain-legacy', body) })).status).toBe(401);
    expect(lines.join('')).toContain('not a sealed envelope');
    expect(lines.join('')).not.toContain('plain-legacy');
    expect(publicPackTriggerState(await state(row.id), 0)).toMatchObject({ subscriptionId: '1400', handshakeDone: true });
  });

  it('fails publishing with the vendor message when the vendor refuses, leaving nothing subscribed', async () => {
    const { fakes, publish, recipe } = await setup();
    fakes.answerWith(() => {
      throw new Error('Acme answered 403: the token lacks the webhooks scope');
    });
    await expect(publish('acme/slack-events@1')).rejects.toThrow('the token lacks the webhooks scope');
    expect(await triggerRepo.byRecipe(database.db, recipe.id)).toBeUndefined();
  });
});
