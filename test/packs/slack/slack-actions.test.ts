import type { WebClient } from '@slack/web-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness, sdkRequest, type StepTest } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { botToken, connectSlack, expectSameRequest, slackRefusal, slackSdk } from './slack-connection.js';
import { SlackFake, type SlackRequest } from './slack-fake.js';
import type { FakeChannel } from './slack-fake-methods.js';

type Output = Record<string, unknown> & { ts?: string; id?: string; items?: { id: string; name: string }[] };

const blocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Deploy finished' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*api* is live on `v2.4.1` <https://ci.example.com/run/7|run 7>' } },
];

/**
 * Every Slack action run through Switchyard (the builder's "test step", the engine's own path) against the
 * fake, and the same operation run by Slack's official `@slack/web-api` client: the two requests must agree
 * in method, path, query, arguments as Slack decodes them (blocks JSON-encoded inside the form), encoding
 * and token. Failures arrive as HTTP 200 `ok: false` and must read as sentences. The OAuth v2 install runs
 * through the fake's authorize page and oauth.v2.access.
 */
describe('Slack actions match @slack/web-api', () => {
  const own = useResources('all');
  let fake: SlackFake;
  let server: SwitchyardProcess;
  let sdk: WebClient;
  let deploys: FakeChannel;
  let outside: FakeChannel;
  let lobby: FakeChannel;
  let connectionId: string;
  let harness: PackStepHarness<SlackRequest, Output, keyof typeof steps>;

  const steps = {
    post: {
      use: 'slack/post-message',
      input: { channel: '{{trigger.channel}}', text: 'Deploy finished: api v2.4.1', blocks: JSON.stringify(blocks), unfurl_links: false, username: 'Deploy bot', icon_emoji: ':rocket:' },
    },
    reply: { use: 'slack/reply-in-thread', input: { channel: '{{trigger.channel}}', ts: '{{steps.post.output.ts}}', text: 'Changelog: 3 fixes', reply_broadcast: true } },
    update: { use: 'slack/update-message', input: { channel: '{{trigger.channel}}', ts: '{{steps.post.output.ts}}', text: 'Deploy finished: api v2.4.1 (verified)' } },
    react: { use: 'slack/add-reaction', input: { channel: '{{trigger.channel}}', ts: '{{steps.post.output.ts}}', name: ':white_check_mark:' } },
    find: { use: 'slack/find-user-by-email', input: { email: 'grace@example.com' } },
    create: { use: 'slack/create-channel', input: { name: 'Launch 2024', is_private: true } },
    topic: { use: 'slack/set-topic', input: { channel: '{{steps.create.output.id}}', topic: 'Launch day: 9:00 stand-up' } },
    invite: { use: 'slack/invite-to-channel', input: { channel: '{{steps.create.output.id}}', users: ['U0ADA0001', '{{steps.find.output.id}}'] } },
    join: { use: 'slack/join-channel', input: { channel: '{{trigger.lobby}}' } },
    channels: { use: 'slack/list-channels', input: { types: ['public_channel', 'private_channel'] } },
    missing_channel: { use: 'slack/post-message', input: { channel: 'C0NOSUCH', text: 'hello?' } },
    not_member: { use: 'slack/post-message', input: { channel: '{{trigger.outside}}', text: 'hello?' } },
    nobody: { use: 'slack/find-user-by-email', input: { email: 'nobody@example.com' } },
    bad_blocks: { use: 'slack/post-message', input: { channel: '{{trigger.channel}}', blocks: '{"type":"section"}' } },
  };

  beforeAll(async () => {
    fake = own(await SlackFake.start(botToken));
    deploys = fake.addChannel('deploys');
    outside = fake.addChannel('random', { is_member: false });
    fake.addChannel('old-launch', { is_archived: true });
    lobby = fake.addChannel('lobby', { is_member: false });
    fake.addUser('U0ADA0001', 'ada', 'Ada Lovelace', 'ada@example.com');
    fake.addUser('U0GRACE01', 'grace', 'Grace Hopper', 'grace@example.com');
    server = own(await SwitchyardProcess.launch());
    sdk = slackSdk(fake);
    const connection = await connectSlack(server, fake);
    expect(connection.status).toBe(201);
    connectionId = connection.id;
    harness = await PackStepHarness.importAllSteps({
      server,
      fake,
      name: 'Every Slack action',
      connection: connection.id,
      steps,
      trigger: { channel: deploys.id, outside: outside.id, lobby: lobby.id },
      compare: expectSameRequest,
      isRefusal: slackRefusal,
    });
  });

  /** Our one request for a step, and the SDK's for the same operation: the same in every way Slack reads. */
  async function expectLikeSdk(stepId: keyof typeof steps, call: () => Promise<unknown>): Promise<StepTest<Output>> {
    const { result, requests } = await harness.runStep(stepId);
    expect(result.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    expectSameRequest(requests[0]!, await sdkRequest(fake, call, slackRefusal));
    return result;
  }

  it('checks the pasted bot token with auth.test when the connection is saved, and refuses a wrong one', async () => {
    const test = fake.calls('auth.test').at(-1)!;
    expect(test.method).toBe('POST');
    expect(test.headers['authorization']).toBe(`Bearer ${botToken}`);
    const refused = await connectSlack(server, fake, 'xoxb-revoked-0000');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('Slack refused the request: The token is not valid (invalid_auth): reconnect the Slack connection');
    expect(refused.message).not.toContain('xoxb-revoked-0000');
  });

  it('connects through OAuth v2: bot scopes comma-separated, client secret by Basic auth, the bot token and workspace kept', async () => {
    const { clientId, clientSecret } = fake.oauthApp;
    const created = await server.api<{ connection: { id: string } }>('POST', '/connections', {
      packId: 'slack',
      name: 'Slack (installed)',
      fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url, signing_secret: 'install-secret' },
    });
    expect(created.status).toBe(201);
    const id = created.body.connection.id;
    const started = await server.api<{ authorizeUrl: string }>('POST', `/connections/${id}/oauth/start`, {});
    expect(started.status).toBe(200);
    const authorize = new URL(started.body.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/oauth/v2/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(clientId);
    expect(authorize.searchParams.get('scope')!.split(',')).toEqual(expect.arrayContaining(['chat:write', 'reactions:write', 'users:read.email', 'channels:history', 'app_mentions:read']));
    // Slack takes PKCE only from apps made public clients; a server install sends none.
    expect(authorize.searchParams.get('code_challenge')).toBeNull();

    const approved = await fetch(authorize, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    const done = await fetch(callback);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ connectionId: id });

    const exchange = fake.calls('oauth.v2.access').at(-1)!;
    expect(exchange.method).toBe('POST');
    expect(exchange.headers['authorization']).toBe(`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
    expect(exchange.args).toMatchObject({ code: callback.searchParams.get('code'), redirect_uri: authorize.searchParams.get('redirect_uri') });
    const view = await server.api<{ status: string; captured: Record<string, unknown> }>('GET', `/connections/${id}`);
    expect(view.body).toMatchObject({ status: 'ok', captured: { team_id: fake.state.teamId, team_name: 'Switchyard QA', bot_user_id: fake.state.botUserId } });
    expect(JSON.stringify(view.body)).not.toContain(botToken);
    // The bot token from the install is what later calls carry.
    const before = fake.calls('auth.test').length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    expect(fake.calls('auth.test').slice(before).map((request) => request.headers['authorization'])).toEqual([`Bearer ${botToken}`]);
  });

  it('posts a message with blocks as a form with JSON-encoded blocks, like the SDK', async () => {
    const result = await expectLikeSdk('post', () =>
      sdk.chat.postMessage({ channel: deploys.id, text: 'Deploy finished: api v2.4.1', blocks, unfurl_links: false, username: 'Deploy bot', icon_emoji: ':rocket:' }),
    );
    expect(result.output).toMatchObject({ ok: true, channel: deploys.id, ts: expect.stringMatching(/^\d{10}\.\d{6}$/), message: { blocks } });
    const sent = fake.calls('chat.postMessage')[0]!;
    expect(JSON.parse(sent.args['blocks']!)).toEqual(blocks);
    expect(sent.args['unfurl_links']).toBe('false');
  });

  it('replies in the thread and updates the message', async () => {
    const ts = (harness.outputs['post'] as { ts: string }).ts;
    const reply = await expectLikeSdk('reply', () => sdk.chat.postMessage({ channel: deploys.id, thread_ts: ts, text: 'Changelog: 3 fixes', reply_broadcast: true }));
    expect(reply.output).toMatchObject({ message: { thread_ts: ts } });
    await expectLikeSdk('update', () => sdk.chat.update({ channel: deploys.id, ts, text: 'Deploy finished: api v2.4.1 (verified)' }));
    expect(deploys.messages.find((message) => message.ts === ts)!.text).toBe('Deploy finished: api v2.4.1 (verified)');
  });

  it('adds a reaction (the emoji name without colons), and names a missing scope', async () => {
    const ts = (harness.outputs['post'] as { ts: string }).ts;
    await expectLikeSdk('react', () => sdk.reactions.add({ channel: deploys.id, timestamp: ts, name: 'white_check_mark' }));
    expect(deploys.messages.find((message) => message.ts === ts)!.reactions).toEqual([{ name: 'white_check_mark', users: [fake.state.botUserId], count: 1 }]);

    fake.scopes.delete('reactions:write');
    try {
      const { result } = await harness.runStep('react');
      expect(result.error?.message).toBe(
        'Slack refused the request: The Slack app lacks the reactions:write scope (missing_scope): add it under OAuth & Permissions, reinstall the app, then reconnect.',
      );
    } finally {
      fake.scopes.add('reactions:write');
    }
  });

  it('finds a user by email', async () => {
    const result = await expectLikeSdk('find', () => sdk.users.lookupByEmail({ email: 'grace@example.com' }));
    expect(result.output).toMatchObject({ id: 'U0GRACE01', profile: { email: 'grace@example.com' } });
  });

  it('creates a private channel (name made Slack-shaped), sets its topic and invites people', async () => {
    const created = await expectLikeSdk('create', () => sdk.conversations.create({ name: 'launch-2024', is_private: true }));
    expect(created.output).toMatchObject({ name: 'launch-2024', is_private: true });
    // The SDK's second create of the same name met name_taken: the request is what is compared.
    expect(fake.calls('conversations.create').map((request) => request.args['name'])).toEqual(['launch-2024', 'launch-2024']);
    const channel = created.output!.id!;

    await expectLikeSdk('topic', () => sdk.conversations.setTopic({ channel, topic: 'Launch day: 9:00 stand-up' }));
    const invited = await expectLikeSdk('invite', () => sdk.conversations.invite({ channel, users: 'U0ADA0001,U0GRACE01' }));
    expect(invited.output).toMatchObject({ id: channel, topic: { value: 'Launch day: 9:00 stand-up' } });
    expect(fake.state.channels.find((candidate) => candidate.id === channel)!.members).toEqual([fake.state.botUserId, 'U0ADA0001', 'U0GRACE01']);
  });

  it('joins a public channel', async () => {
    const joined = await expectLikeSdk('join', () => sdk.conversations.join({ channel: lobby.id }));
    expect(joined.output).toMatchObject({ id: lobby.id, is_member: true });
    expect(lobby.members).toEqual([fake.state.botUserId]);
  });

  it('lists channels over every page of response_metadata.next_cursor', async () => {
    fake.state.maxPageSize = 2;
    try {
      const { result, requests } = await harness.runStep('channels');
      expect(result.output!.items!.map((channel) => channel.name)).toEqual(['deploys', 'random', 'lobby', 'launch-2024']);
      expect(requests.map((request) => request.query['cursor'])).toEqual([undefined, expect.any(String)]);
      // The SDK posts list calls as forms; Slack reads the same arguments from a GET query.
      const theirs = await sdkRequest(fake, () => sdk.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1000 }), slackRefusal);
      expect(requests[0]!.args).toEqual(theirs.args);
      expect(requests[0]!.headers['authorization']).toBe(theirs.headers['authorization']);
    } finally {
      fake.state.maxPageSize = 1000;
    }
  });

  it("fills the builder's channel and user pickers from conversations.list and users.list", async () => {
    const channels = await server.api<{ choices: { label: string; value: string }[] }>('POST', '/packs/slack/actions/post-message/fields/channel/choices', { connection: connectionId });
    expect(channels.status).toBe(200);
    expect(channels.body.choices).toEqual([
      { label: '#deploys', value: deploys.id },
      { label: '#random', value: outside.id },
      { label: '#lobby', value: lobby.id },
      { label: '#launch-2024', value: (harness.outputs['create'] as { id: string }).id },
    ]);
    expect(fake.calls('conversations.list').at(-1)!.query).toEqual({ types: 'public_channel,private_channel', exclude_archived: 'true', limit: '1000' });
    const users = await server.api<{ choices: { label: string; value: string }[] }>('POST', '/packs/slack/actions/invite-to-channel/fields/users/choices', { connection: connectionId });
    expect(users.body.choices).toEqual([
      { label: 'Ada Lovelace (@ada)', value: 'U0ADA0001' },
      { label: 'Grace Hopper (@grace)', value: 'U0GRACE01' },
    ]);
  });

  it('turns ok:false answers into sentences that say what to do', async () => {
    const cases: [keyof typeof steps, string][] = [
      ['missing_channel', 'Slack refused the request: No channel with that ID or name is visible to the app (channel_not_found).'],
      ['not_member', 'Slack refused the request: The app is not a member of this channel (not_in_channel): invite it with /invite @your-app'],
      ['nobody', 'Slack refused the request: No user in this workspace has that email address (users_not_found).'],
      ['bad_blocks', 'Slack refused the request: The blocks must be a JSON list of Block Kit blocks'],
    ];
    for (const [stepId, message] of cases) {
      const { result } = await harness.runStep(stepId);
      expect(result.ok).toBe(false);
      expect(result.error?.message).toContain(message);
    }
    expect(server.logTail(5000)).not.toContain(botToken);
  });

  it('marks the connection for reconnecting when Slack says the token was revoked (HTTP 200, token_revoked)', async () => {
    fake.revoked = true;
    try {
      const { result, requests } = await harness.runStep('find');
      expect(result.ok).toBe(false);
      expect(result.error?.message).toContain('paste a new one or connect through OAuth');
      expect(requests).toHaveLength(1);
      const view = await server.api<{ status: string }>('GET', `/connections/${connectionId}`);
      expect(view.body.status).toBe('needs_reauth');
    } finally {
      fake.revoked = false;
    }
  });
});
