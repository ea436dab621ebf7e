import { isValidSlackRequest } from '@slack/bolt';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { botToken, connectSlack, signingSecret, slackSignature } from './slack-connection.js';
import { SlackFake } from './slack-fake.js';
import type { FakeChannel } from './slack-fake-methods.js';

interface Delivery {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The recipe "app mentioned → reply in thread" on the Events API trigger (a webhook: the Request URL is
 * pasted into the app's settings), end to end on the fake: Slack's url_verification is answered with the
 * challenge, deliveries are
 * verified with the signing secret exactly as @slack/bolt verifies them (bad or missing signatures: 401,
 * no run), a retried delivery (X-Slack-Retry-Num, same event_id) makes no second run, other event types
 * start nothing, and a 429 from chat.postMessage is waited out for its Retry-After.
 */
describe('Slack Events API → reply in thread', () => {
  const own = useResources('all');
  let fake: SlackFake;
  let server: SwitchyardProcess;
  let recipe: PublishedRecipe;
  let deploys: FakeChannel;
  let eventNumber = 0;

  beforeAll(async () => {
    fake = own(await SlackFake.start(botToken));
    deploys = fake.addChannel('deploys');
    server = own(await SwitchyardProcess.launch());
    const connection = await connectSlack(server, fake);
    expect(connection.status).toBe(201);
    recipe = await publishRecipe(server, {
      name: 'Answer mentions in their thread',
      trigger: { use: 'slack/new-event', connection: connection.id, input: { event_types: ['app_mention'] } },
      steps: [
        {
          id: 'answer',
          use: 'slack/reply-in-thread',
          connection: connection.id,
          input: { channel: '{{trigger.event.channel}}', ts: '{{trigger.event.ts}}', text: 'On it, <@{{trigger.event.user}}>: "{{trigger.event.text}}"' },
        },
      ],
    });
  });

  /** An event_callback envelope for an event at a new message in #deploys. */
  function envelope(type: string, text: string): { body: string; eventId: string; ts: string } {
    const message = fake.post(deploys, text);
    eventNumber += 1;
    const eventId = `Ev0SWITCH${String(eventNumber).padStart(3, '0')}`;
    const event = { type, user: 'U061F7AUR', text, ts: message.ts, channel: deploys.id, event_ts: message.ts };
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: fake.state.teamId,
      api_app_id: 'A061F7JD2',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Number(message.ts.split('.')[0]),
      authorizations: [{ team_id: fake.state.teamId, user_id: fake.state.botUserId, is_bot: true, is_enterprise_install: false }],
    });
    return { body, eventId, ts: message.ts };
  }

  async function deliver(body: string, headers: Record<string, string>): Promise<Delivery> {
    const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  /** Signed as Slack signs, now; Bolt's verifier must accept the same request. */
  function signed(body: string, extra: Record<string, string> = {}): Record<string, string> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = slackSignature(body, timestamp);
    expect(isValidSlackRequest({ signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } })).toBe(true);
    return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp), ...extra };
  }

  it('answers url_verification with the challenge', async () => {
    expect(recipe.hookPath).toMatch(/^\/hooks\//);
    const challenge = JSON.stringify({ token: 'legacy-verification-token', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const answer = await deliver(challenge, signed(challenge));
    expect(answer).toEqual({ status: 200, body: { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' } });
    // A forged handshake is refused like any forged delivery.
    const forged = await deliver(challenge, { 'x-slack-signature': slackSignature(challenge, Math.floor(Date.now() / 1000), 'not-the-secret'), 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) });
    expect(forged.status).toBe(401);
  });

  it('refuses unsigned, wrongly signed and stale deliveries with 401 and starts nothing', async () => {
    const { body } = envelope('app_mention', '<@U0LAN0Z89> forged?');
    const now = Math.floor(Date.now() / 1000);
    const attempts: Record<string, string>[] = [
      {},
      { 'x-slack-request-timestamp': String(now) },
      { 'x-slack-signature': slackSignature(body, now, 'not-the-secret'), 'x-slack-request-timestamp': String(now) },
      { 'x-slack-signature': slackSignature(body, now - 600), 'x-slack-request-timestamp': String(now - 600) },
      { 'x-slack-signature': slackSignature(`${body} `, now), 'x-slack-request-timestamp': String(now) },
    ];
    for (const headers of attempts) {
      expect((await deliver(body, headers)).status).toBe(401);
      if (headers['x-slack-signature']) {
        const timestamp = Number(headers['x-slack-request-timestamp']);
        expect(isValidSlackRequest({ signingSecret, body, headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': timestamp } })).toBe(false);
      }
    }
    expect(await listRuns(server, recipe.id)).toEqual([]);
  });

  it('answers a mention in its thread once, however often Slack retries the delivery', async () => {
    const mention = envelope('app_mention', '<@U0LAN0Z89> is the deploy done?');
    const first = await deliver(mention.body, signed(mention.body));
    expect(first).toMatchObject({ status: 200, body: { accepted: true, duplicates: 0, filtered: 0 } });
    // Slack retries when it saw no 200 within 3 s: same event_id, new signature, retry headers.
    for (const retry of ['1', '2']) {
      const again = await deliver(mention.body, signed(mention.body, { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' }));
      expect(again).toMatchObject({ status: 200, body: { runIds: [], duplicates: 1 } });
    }
    const [run] = await waitForRuns(server, recipe.id, 1);
    expect(run!.status).toBe('succeeded');
    const detail = await getRun(server, run!.id);
    expect(detail.steps[0]!.output).toMatchObject({ ok: true, channel: deploys.id, message: { thread_ts: mention.ts } });

    const replies = deploys.messages.filter((message) => message.thread_ts === mention.ts);
    expect(replies.map((message) => message.text)).toEqual(['On it, <@U061F7AUR>: "<@U0LAN0Z89> is the deploy done?"']);
    const sent = fake.calls('chat.postMessage').at(-1)!;
    expect(sent.args).toEqual({ channel: deploys.id, thread_ts: mention.ts, text: 'On it, <@U061F7AUR>: "<@U0LAN0Z89> is the deploy done?"' });
    expect(sent.headers['authorization']).toBe(`Bearer ${botToken}`);
  });

  it('starts nothing for event types the trigger does not listen to', async () => {
    const reaction = envelope('reaction_added', 'ignored');
    const message = envelope('message', 'just chatting');
    for (const { body } of [reaction, message]) {
      expect(await deliver(body, signed(body))).toMatchObject({ status: 200, body: { runIds: [], filtered: 1 } });
    }
    expect(await listRuns(server, recipe.id)).toHaveLength(1);
  });

  it("waits out Slack's 429 for its Retry-After, then replies", async () => {
    fake.rateLimit('chat.postMessage', 1);
    const before = fake.calls('chat.postMessage').length;
    const mention = envelope('app_mention', '<@U0LAN0Z89> status?');
    expect((await deliver(mention.body, signed(mention.body))).status).toBe(200);
    const runs = await waitForRuns(server, recipe.id, 2);
    const latest = await getRun(server, runs[0]!.id);
    expect(latest.status).toBe('succeeded');
    expect(latest.steps[0]!.attempts).toBe(2);
    const [limited, retried] = fake.calls('chat.postMessage').slice(before);
    // Not sooner than Slack asked (1 s), measured at the fake.
    expect(retried!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(1000);
    expect(deploys.messages.filter((message) => message.thread_ts === mention.ts)).toHaveLength(1);
    expect(server.logTail(5000)).not.toContain(botToken);
    expect(server.logTail(5000)).not.toContain(signingSecret);
  });
});
