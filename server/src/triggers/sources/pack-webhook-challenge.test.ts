import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { seedRecipe, useMigratedDatabase } from '../../storage/test-databases.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { activateTrigger } from '../activate-trigger.js';
import { packTriggerFakes } from '../pack-trigger-fakes.js';
import { packTriggerLifecycle } from '../pack-trigger-lifecycle.js';
import { challengeRule, readChallenge } from './challenge-rule.js';
import { PackWebhookSource } from './pack-webhook-source.js';

const jwt = { scheme: 'jwt', secret: '{{connection.signing_secret}}' };
// monday.com: a pasted URL, and one registered through a create_webhook mutation; both get {"challenge": …} first.
const boardEvents = { kind: 'webhook', key: 'board-events', name: 'Board events', handshake: { type: 'challenge' }, verification: jwt, dedupe: '{{event.event.triggerUuid}}' };
const managedEvents = {
  kind: 'subscription',
  key: 'managed-events',
  name: 'Managed board events',
  subscribe: { method: 'POST', path: '/v2', json: { query: 'mutation { create_webhook(url: "{{webhook.url}}") { id } }' } },
  subscriptionId: 'data.create_webhook.id',
  unsubscribe: { method: 'POST', path: '/v2', json: { query: 'mutation { delete_webhook(id: {{subscription.id}}) { id } }' } },
  handshake: { type: 'challenge', field: 'token', when: { path: 'kind', equals: 'verify' } },
  verification: jwt,
};

const token = (secret: string) =>
  new SignJWT({ accountId: 1 }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode(secret));

describe('body challenge handshakes', () => {
  const { database } = useMigratedDatabase('sqlite');

  async function setup() {
    const fakes = packTriggerFakes(database, { triggers: [boardEvents, managedEvents] as never }, { connectionFields: { signing_secret: 'app-signing-secret' } });
    const source = new PackWebhookSource(fakes.deps, fakes.packs);
    const { recipe, version } = await seedRecipe(database);
    const publish = async (use: string) => {
      const config = { use, connection: 'con_1', input: {} };
      const resolved = (await fakes.packs.registry.trigger(use))!;
      const prepared = await packTriggerLifecycle.prepare(fakes.deps, { config, resolved, existing: await triggerRepo.byRecipe(database.db, recipe.id) });
      const row = await database.write((trx) => activateTrigger(trx, { recipeId: recipe.id, versionId: version.id, definition: { trigger: config, steps: [] }, now: 1, prepared }));
      await prepared.committed();
      source.invalidate();
      return row;
    };
    const send = async (hookToken: string, body: unknown, headers: Record<string, string> = {}) => {
      const hook = await source.lookup(hookToken);
      if (!hook) return { status: 404, body: null };
      const url = `https://switchyard.test/hooks/${hookToken}`;
      return source.deliver(hook, { method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, query: {}, rawBody: Buffer.from(JSON.stringify(body)) });
    };
    return { fakes, source, publish, send };
  }

  it('reads the challenge field, honours `when`, and keeps Slack as its preset', () => {
    const monday = challengeRule({ type: 'challenge', field: 'challenge', when: undefined });
    expect(readChallenge(monday, { challenge: 'abc' })).toBe('abc');
    expect(readChallenge(monday, { challenge: 42 })).toBeNull();
    expect(readChallenge(monday, { event: { type: 'create_item' } })).toBeNull();
    const slack = challengeRule({ type: 'slack_url_verification' });
    expect(slack).toEqual({ field: 'challenge', when: { path: 'type', equals: 'url_verification' }, signatureHeader: 'x-slack-signature' });
    expect(readChallenge(slack, { type: 'event_callback', challenge: 'x' })).toBeNull();
    expect(readChallenge(slack, { type: 'url_verification', challenge: 'x' })).toBe('x');
  });

  it('echoes a live webhook trigger\'s challenge only with a valid JWT, and still verifies deliveries', async () => {
    const { publish, send } = await setup();
    const row = await publish('acme/board-events@1');
    const signed = { authorization: await token('app-signing-secret') };
    expect(await send(row.webhook_token, { challenge: 'ch-1' }, signed)).toEqual({ status: 200, body: { challenge: 'ch-1' } });
    expect((await send(row.webhook_token, { challenge: 'ch-1' })).status).toBe(401);
    expect((await send(row.webhook_token, { challenge: 'ch-1' }, { authorization: await token('guess') })).status).toBe(401);
    const event = { event: { type: 'create_item', triggerUuid: 'u-1' } };
    expect(await send(row.webhook_token, event, signed)).toMatchObject({ status: 200, body: { accepted: true, duplicates: 0 } });
    expect((await send(row.webhook_token, event)).status).toBe(401);
  });

  it('answers the challenge that arrives during the subscribe call, under the configured field and condition', async () => {
    const { fakes, source, publish } = await setup();
    const answers: unknown[] = [];
    fakes.answerWith(async (call) => {
      const url = /url: "([^"]+)"/.exec(String((call.json as { query: string }).query))?.[1];
      if (url) {
        const hook = await source.lookup(url.split('/').at(-1)!);
        const deliver = (body: unknown) => source.deliver(hook!, { method: 'POST', url, headers: { 'content-type': 'application/json' }, query: {}, rawBody: Buffer.from(JSON.stringify(body)) });
        answers.push(await deliver({ kind: 'other', token: 't-0' }), await deliver({ kind: 'verify', token: 't-1' }));
      }
      return { status: 200, headers: {}, body: { data: { create_webhook: { id: '501' } } } };
    });
    const row = await publish('acme/managed-events@1');
    // Not a challenge (kind differs): the subscription is not live yet, so nothing listens there.
    expect(answers).toEqual([{ status: 404, body: { error: { code: 'WEBHOOK_NOT_FOUND', message: 'no live recipe listens at this address' } } }, { status: 200, body: { token: 't-1' } }]);
    expect((await triggerRepo.byId(database.db, row.id))?.state).toContain('501');
  });
});
