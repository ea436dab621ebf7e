import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVendor, type FakeVendor } from '../connections/start-fake-vendor.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { operations } from '../steps/formatter-step.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

describe('POST /packs/{packId}/{actions|triggers}/{key}/fields/{field}/choices', () => {
  let system: TestSystem;
  let vendor: FakeVendor;

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    vendor = await startFakeVendor((request) => {
      if (request.url.pathname === '/channels') {
        const team = request.url.searchParams.get('team');
        return { body: { result: { channels: Array.from({ length: 1200 }, (_, i) => ({ id: `C${i}`, name: `${team}-${i}`, n: i })) } } };
      }
      return { status: 403, body: { error: { message: 'missing scope channels:read' } } };
    });
    const dynamic = (path: string) => ({ request: { path, query: { team: '{{input.team}}' } }, items: 'result.channels', label: '#{{item.name}}', value: '{{item.id}}', dependsOn: ['team'] });
    const packs = createPackRegistry({ database: system.wired.database, now: Date.now });
    for (const [id, auth] of [['chat', { kind: 'none' }], ['keyed', { kind: 'api_key', in: 'header', name: 'X-Key' }]] as const) {
      const installed = await packs.installPack(
        {
          id, name: id === 'chat' ? 'Chat' : 'Keyed', version: '1.0.0', engine: '^1.0.0', baseUrl: vendor.url, auth,
          actions: [
            {
              key: 'post', name: 'Post', request: { method: 'POST', path: '/post' },
              input: [
                { key: 'team', label: 'Team' },
                { key: 'channel', label: 'Channel', type: 'select', dynamicChoices: dynamic('/channels') },
                { key: 'broken', label: 'Broken', type: 'select', dynamicChoices: dynamic('/forbidden') },
                { key: 'text', label: 'Text' },
              ],
            },
          ],
          triggers: [
            {
              kind: 'poll', key: 'new-message', name: 'New message', request: { path: '/messages' }, items: 'messages',
              input: [{ key: 'team', label: 'Team' }, { key: 'channel', label: 'Channel', type: 'select', dynamicChoices: dynamic('/channels') }],
            },
          ],
        },
        'test',
        null,
      );
      if (!installed.ok) throw new Error(JSON.stringify(installed));
    }
  });
  afterAll(async () => {
    await vendor?.close();
    await system?.close();
  });

  const choices = (path: string, body: unknown = {}, token?: string) => system.api('POST', `/packs/${path}/choices`, body, token === undefined ? {} : { token });

  it('fetches, renders and caps the choices, sending the inputs the field depends on', async () => {
    const answer = await choices('chat/actions/post/fields/channel', { input: { team: 'ops', other: 'not sent' } });
    expect(answer.status).toBe(200);
    expect(answer.body.choices).toHaveLength(1000);
    expect(answer.body.choices[0]).toEqual({ label: '#ops-0', value: 'C0' });
    expect(vendor.requests.at(-1)!.url.searchParams.get('team')).toBe('ops');
  });

  it("fetches a trigger field's choices too", async () => {
    const answer = await choices('chat/triggers/new-message/fields/channel', { input: { team: 'sales' } });
    expect(answer.status).toBe(200);
    expect(answer.body.choices[1]).toEqual({ label: '#sales-1', value: 'C1' });
    expect((await choices('chat/triggers/nope/fields/channel')).status).toBe(404);
  });

  it('answers 404 for an unknown pack, action or field and 422 for a field without dynamic choices', async () => {
    for (const path of ['nope/actions/post/fields/channel', 'chat/actions/nope/fields/channel', 'chat/actions/post/fields/nope']) {
      expect((await choices(path)).status).toBe(404);
    }
    const plain = await choices('chat/actions/post/fields/text');
    expect(plain.status).toBe(422);
    expect(plain.body.error.code).toBe('NO_DYNAMIC_CHOICES');
  });

  it("lists core/formatter's operations from the step itself, so the builder keeps no copy", async () => {
    const answer = await choices('core/actions/formatter/fields/operation');
    expect(answer.status).toBe(200);
    const values = answer.body.choices.map((choice: { value: string }) => choice.value);
    expect(values).toEqual(operations.map((operation) => operation.name));
    expect(answer.body.choices[0]).toEqual({ label: 'text.upper — Converts text to UPPER CASE.', value: 'text.upper' });
    for (const path of ['core/actions/formatter/fields/value', 'core/actions/http/fields/method', 'core/triggers/formatter/fields/operation']) {
      expect((await choices(path)).status, path).toBe(404);
    }
  });

  it("answers 502 with the vendor's message when the vendor refuses", async () => {
    const answer = await choices('chat/actions/post/fields/broken');
    expect(answer.status).toBe(502);
    expect(answer.body.error.message).toBe('Chat answered 403: missing scope channels:read');
  });

  it('needs an existing connection of the pack when the pack has auth', async () => {
    const missing = await choices('keyed/actions/post/fields/channel');
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toBe('choose a Keyed connection first');
    const unknown = await choices('keyed/actions/post/fields/channel', { connection: 'con_missing' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('CONNECTION_NOT_FOUND');
  });

  it('is for editors', async () => {
    const viewer = await system.addUser('viewer');
    expect((await choices('chat/actions/post/fields/channel', {}, viewer)).status).toBe(403);
  });
});
