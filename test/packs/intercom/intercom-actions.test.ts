import type { IntercomClient } from 'intercom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { startOAuth } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectIntercom, expectSameRequest, intercomRefusal, intercomSdk } from './intercom-connection.js';
import { IntercomFake, type IntercomRequest } from './intercom-fake.js';

/**
 * Every Intercom action run through Switchyard (the builder's "test step") against the fake, and the same
 * operation run by `intercom-client` 7 pointed at the same fake: method, path, query, decoded JSON body,
 * token and the pinned Intercom-Version (2.14, the SDK's) must agree. Also the OAuth connect flow, a refused
 * access token, the admin and tag pickers, and Intercom's error lists as readable messages.
 */
describe('Intercom actions match intercom-client', () => {
  const own = useResources('all');
  let fake: IntercomFake;
  let server: SwitchyardProcess;
  let sdk: IntercomClient;
  let connection: string;
  let harness: PackStepHarness<IntercomRequest, Record<string, unknown>, keyof typeof steps>;

  const steps = {
    contact: { use: 'intercom/create-contact', input: { role: 'user', email: 'ada@example.com', external_id: 'user-1042', name: 'Ada Lovelace', custom_attributes: { plan: 'pro' } } },
    contact_again: { use: 'intercom/create-contact', input: { role: 'user', email: 'ada@example.com' } },
    lead: { use: 'intercom/create-contact', input: { role: 'lead', phone: '+447700900123' } },
    update: { use: 'intercom/update-contact', input: { contact_id: '{{steps.contact.output.id}}', name: 'Ada King', custom_attributes: { plan: 'enterprise' } } },
    update_missing: { use: 'intercom/update-contact', input: { contact_id: 'nope', name: 'Nobody' } },
    conversation: { use: 'intercom/create-conversation', input: { from_type: 'user', contact_id: '{{steps.contact.output.id}}', body: 'Hello there' } },
    reply: { use: 'intercom/reply-to-conversation', input: { conversation_id: '{{steps.conversation.output.conversation_id}}', admin_id: '991267', message_type: 'comment', body: 'Thanks, <b>we are on it</b>.' } },
    note: { use: 'intercom/reply-to-conversation', input: { conversation_id: '{{steps.conversation.output.conversation_id}}', admin_id: '991268', message_type: 'note', body: 'Escalated.' } },
    tag: { use: 'intercom/add-tag-to-contact', input: { contact_id: '{{steps.contact.output.id}}', tag_id: '7522907' } },
  };

  beforeAll(async () => {
    fake = own(await IntercomFake.start());
    server = own(await SwitchyardProcess.launch());
    sdk = intercomSdk(fake);
    const connected = await connectIntercom(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
    harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every Intercom action', connection, steps, compare: expectSameRequest, isRefusal: intercomRefusal });
  });

  const output = (stepId: keyof typeof steps) => harness.outputs[stepId] as Record<string, string>;

  it("refuses a wrong access token with Intercom's message, and tests the connection with GET /me like the SDK", async () => {
    const refused = await connectIntercom(server, fake, 'dG9rOndyb25nOjE6MA==');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('Intercom refused the token (Access Token Invalid)');
    expect(fake.requestsTo('GET', '/me').at(-1)!.headers['authorization']).toBe('Bearer dG9rOndyb25nOjE6MA==');
    // The connection saved in beforeAll was tested with the request the SDK sends for "who am I".
    const [theirs] = await harness.sdkRequests(() => sdk.admins.identify());
    expectSameRequest(fake.requestsTo('GET', '/me')[0]!, theirs!);
  });

  it('connects through an OAuth app: no scopes, no PKCE, the code exchanged at /auth/eagle/token', async () => {
    const { clientId, clientSecret } = fake.oauthApp;
    const { id, authorizeUrl: authorize } = await startOAuth(server, {
      packId: 'intercom',
      name: 'Intercom (OAuth app)',
      fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url, app_url: fake.url },
    });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/oauth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: clientId, state: expect.any(String) });
    expect(['scope', 'code_challenge'].filter((name) => authorize.searchParams.has(name))).toEqual([]);
    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    expect(await (await fetch(callback)).json()).toEqual({ connectionId: id });
    const exchange = Object.fromEntries(new URLSearchParams(fake.requestsTo('POST', '/auth/eagle/token').at(-1)!.body));
    expect(exchange).toMatchObject({ code: callback.searchParams.get('code'), client_id: clientId, client_secret: clientSecret });
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    expect(fake.requests.slice(before)[0]!.headers['authorization']).toMatch(/^Bearer dG9rOm9hdXRo/);
  });

  it('offers the teammates and the tags as choices', async () => {
    const admins = await server.api<{ choices: unknown[] }>('POST', '/packs/intercom/actions/reply-to-conversation/fields/admin_id/choices', { connection });
    expect(admins.body.choices).toEqual([
      { label: 'Grace Hopper (grace@example.com)', value: '991267' },
      { label: 'Alan Turing (alan@example.com)', value: '991268' },
    ]);
    const tags = await server.api<{ choices: unknown[] }>('POST', '/packs/intercom/actions/add-tag-to-contact/fields/tag_id/choices', { connection });
    expect(tags.body.choices).toEqual([
      { label: 'VIP', value: '7522907' },
      { label: 'Churn risk', value: '7522908' },
    ]);
  });

  it('creates users and leads, explains a duplicate, updates a contact and explains a missing one', async () => {
    const contact = await harness.expectLikeSdk('contact', () =>
      sdk.contacts.create({ role: 'user', email: 'ada@example.com', external_id: 'user-1042', name: 'Ada Lovelace', custom_attributes: { plan: 'pro' } }),
    );
    expect(contact.output).toMatchObject({ type: 'contact', role: 'user', email: 'ada@example.com', custom_attributes: { plan: 'pro' } });
    const { result: again } = await harness.runStep('contact_again');
    expect(again.error?.message).toBe(`Intercom answered 409: Intercom: A contact matching those details already exists with id=${output('contact').id}`);
    await harness.expectLikeSdk('lead', () => sdk.contacts.create({ role: 'lead', phone: '+447700900123' } as never));
    await harness.expectLikeSdk('update', () => sdk.contacts.update({ contact_id: output('contact').id!, name: 'Ada King', custom_attributes: { plan: 'enterprise' } }));
    const { result: missing } = await harness.runStep('update_missing');
    expect(missing.error?.message).toBe('Intercom answered 404: Intercom found no such record (User Not Found).');
  });

  it('starts a conversation for the contact, replies as a teammate and adds a note', async () => {
    const started = await harness.expectLikeSdk('conversation', () => sdk.conversations.create({ from: { type: 'user', id: output('contact').id! }, body: 'Hello there' }));
    expect(started.output).toMatchObject({ type: 'user_message', body: 'Hello there' });
    const conversationId = output('conversation').conversation_id!;
    await harness.expectLikeSdk('reply', () =>
      sdk.conversations.reply({ conversation_id: conversationId, body: { message_type: 'comment', type: 'admin', admin_id: '991267', body: 'Thanks, <b>we are on it</b>.' } }),
    );
    await harness.expectLikeSdk('note', () => sdk.conversations.reply({ conversation_id: conversationId, body: { message_type: 'note', type: 'admin', admin_id: '991268', body: 'Escalated.' } }));
    // Ours and the SDK's: the contact's message, then each reply and note twice.
    expect(fake.conversations.get(conversationId)!.parts.map((part) => [part.part_type, part.author.type])).toEqual([
      ['comment', 'user'],
      ['comment', 'admin'],
      ['comment', 'admin'],
      ['note', 'admin'],
      ['note', 'admin'],
    ]);
  });

  it('tags a contact', async () => {
    const tagged = await harness.expectLikeSdk('tag', () => sdk.tags.tagContact({ contact_id: output('contact').id!, id: '7522907' }));
    expect(tagged.output).toEqual({ type: 'tag', id: '7522907', name: 'VIP' });
  });
});
