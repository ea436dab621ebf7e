import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromJson } from '../storage/json-column.js';
import { seedRecipe, useMigratedDatabase } from '../storage/test-databases.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { activateTrigger } from './activate-trigger.js';
import { handshakeToken } from './handshake-token.js';
import { packTriggerFakes } from './pack-trigger-fakes.js';
import { packTriggerLifecycle } from './pack-trigger-lifecycle.js';
import { PackWebhookSource } from './sources/pack-webhook-source.js';

// Notion's shape: one POST with { verification_token }, later deliveries signed with it (sha256=<hex HMAC of the body>).
const pageEvents = {
  kind: 'webhook',
  key: 'page-events',
  name: 'Page events',
  handshake: { type: 'body_token', path: 'verification_token' },
  verification: { scheme: 'hmac', secret: '{{webhook.secret}}', header: 'x-notion-signature', prefix: 'sha256=' },
  dedupe: '{{body.id}}',
};
const plainEvents = { kind: 'webhook', key: 'plain', name: 'Plain', handshake: { type: 'echo_header', header: 'X-Hook-Secret' } };
const token = 'secret_tCVsQUBEGsHJx5ErWVYvixmb03Ps6bwWD1oznYtUiNN';
const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('body_token handshakes', () => {
  const { database } = useMigratedDatabase('sqlite');

  async function setup(use: string) {
    const fakes = packTriggerFakes(database, { triggers: [pageEvents, plainEvents] as never });
    const source = new PackWebhookSource(fakes.deps, fakes.packs);
    const { recipe, version } = await seedRecipe(database);
    const config = { use, connection: 'con_1', input: {} };
    const resolved = (await fakes.packs.registry.trigger(use))!;
    const prepared = await packTriggerLifecycle.prepare(fakes.deps, { config, resolved, existing: undefined });
    const row = await database.write((trx) => activateTrigger(trx, { recipeId: recipe.id, versionId: version.id, definition: { trigger: config, steps: [] }, now: 1, prepared }));
    await prepared.committed();
    const send = async (body: string, headers: Record<string, string> = {}) => {
      const hook = (await source.lookup(row.webhook_token))!;
      return source.deliver(hook, { method: 'POST', url: `https://switchyard.test/hooks/${row.webhook_token}`, headers: { 'content-type': 'application/json', ...headers }, query: {}, rawBody: Buffer.from(body) });
    };
    const current = async () => (await triggerRepo.byId(database.db, row.id))!;
    const runs = async () => (await database.db.selectFrom('runs').select('trigger_event').where('recipe_id', '=', recipe.id).execute()).map((r) => fromJson(r.trigger_event));
    return { fakes, send, current, runs };
  }

  it('keeps the token once (sealed), answers 200, verifies later deliveries with it and shows it to editors', async () => {
    const { fakes, send, current, runs } = await setup('acme/page-events@1');
    expect(await handshakeToken(fakes.packs, await current(), fakes.deps.log)).toBeUndefined();
    // Before the token, a delivery cannot be verified.
    const event = JSON.stringify({ id: 'evt_1', type: 'page.created', entity: { id: 'p1', type: 'page' } });
    expect((await send(event, { 'x-notion-signature': sign(token, event) })).status).toBe(401);

    expect(await send(JSON.stringify({ verification_token: token }))).toEqual({ status: 200, body: {} });
    expect((await current()).state).not.toContain(token);
    expect(await handshakeToken(fakes.packs, await current(), fakes.deps.log)).toBe(token);
    // Anyone who learnt the URL cannot replace it.
    expect((await send(JSON.stringify({ verification_token: 'secret_attacker' }))).status).toBe(401);
    expect(await handshakeToken(fakes.packs, await current(), fakes.deps.log)).toBe(token);

    expect((await send(event, { 'x-notion-signature': sign('secret_attacker', event) })).status).toBe(401);
    expect((await send(event, { 'x-notion-signature': sign(token, event) })).status).toBe(200);
    expect(await runs()).toEqual([{ id: 'evt_1', type: 'page.created', entity: { id: 'p1', type: 'page' } }]);
  });

  it('shows no other handshake secret', async () => {
    const { fakes, send, current } = await setup('acme/plain@1');
    expect(await send('', { 'x-hook-secret': 'asana-like' })).toMatchObject({ status: 200 });
    expect(await handshakeToken(fakes.packs, await current(), fakes.deps.log)).toBeUndefined();
  });
});
