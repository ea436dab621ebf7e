import { beforeAll, describe, expect, it } from 'vitest';
import { pollNow } from '../../support/poll-now.js';
import { listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { botToken, connectSlack } from './slack-connection.js';
import { SlackFake } from './slack-fake.js';
import type { FakeChannel } from './slack-fake-methods.js';

interface TriggerState {
  state: { seeded?: boolean; cursor?: string; seenCount: number; lastPollAt?: number; lastError: string | null };
}

/**
 * The recipe "new message in #support (poll) → add 👀 reaction", end to end on the fake: the first poll only
 * notes the messages already there (paging through conversations.history), later polls ask only for what
 * is newer (`oldest` = the newest ts seen) and react once to each new message, and a server killed between
 * polls neither reacts twice nor misses a message posted while it was down.
 */
describe('Slack new message in channel (poll) → add reaction', () => {
  const own = useResources('all');
  let fake: SlackFake;
  let server: SwitchyardProcess;
  let recipe: PublishedRecipe;
  let support: FakeChannel;

  beforeAll(async () => {
    fake = own(await SlackFake.start(botToken));
    support = fake.addChannel('support');
    for (const text of ['Printer on 3rd floor is jammed', 'VPN drops every hour', 'Thanks, fixed!']) fake.post(support, text);
    // Slack may answer fewer messages than `limit`; two per page makes every poll follow next_cursor.
    fake.state.maxPageSize = 2;
    server = own(await SwitchyardProcess.launch());
    const connection = await connectSlack(server, fake);
    expect(connection.status).toBe(201);
    recipe = await publishRecipe(server, {
      name: 'Acknowledge support requests',
      trigger: { use: 'slack/new-message', connection: connection.id, input: { channel: support.id } },
      steps: [{ id: 'ack', use: 'slack/add-reaction', connection: connection.id, input: { channel: support.id, ts: '{{trigger.ts}}', name: 'eyes' } }],
    });
  });

  /** Makes the trigger due, waits for that poll to finish, answers the trigger's state after it. */
  async function poll(): Promise<TriggerState['state']> {
    const before = (await triggerState()).lastPollAt ?? 0;
    pollNow(server.dataDir, recipe.id);
    return waitFor(
      async () => {
        const state = await triggerState();
        return (state.lastPollAt ?? 0) > before ? state : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, what: 'the next poll' },
    );
  }

  async function triggerState(): Promise<TriggerState['state']> {
    const answer = await server.api<TriggerState>('GET', `/triggers/${recipe.trigger.id}/state`);
    expect(answer.status).toBe(200);
    return answer.body.state;
  }

  const reactedTexts = () => support.messages.filter((message) => message.reactions?.some((reaction) => reaction.name === 'eyes')).map((message) => message.text);

  it('seeds on the first poll: the messages already there start nothing', async () => {
    const seeded = await poll();
    expect(seeded).toMatchObject({ seeded: true, seenCount: 3, cursor: support.messages[2]!.ts, lastError: null });
    // The seed pages back through what exists (a poll that came on its own before this one did the same).
    const history = fake.calls('conversations.history').slice(0, 2);
    expect(history.map((request) => [request.method, request.query['oldest'], request.query['cursor'] === undefined])).toEqual([
      ['GET', undefined, true],
      ['GET', undefined, false],
    ]);
    expect(history[0]!.query).toMatchObject({ channel: support.id, limit: '200' });
    expect(history[0]!.headers['authorization']).toBe(`Bearer ${botToken}`);
    expect(await listRuns(server, recipe.id)).toEqual([]);
  });

  it('reacts once to each new message, asking only for messages newer than the last seen', async () => {
    const newest = support.messages[2]!.ts;
    fake.post(support, 'Laptop will not boot');
    fake.post(support, 'Need access to the billing dashboard');
    fake.post(support, 'Projector in room B?');
    const before = fake.calls('conversations.history').length;
    await poll();
    const asked = fake.calls('conversations.history').slice(before);
    expect(asked.map((request) => request.query['oldest'])).toEqual([newest, newest]);
    const runs = await waitForRuns(server, recipe.id, 3);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(reactedTexts()).toEqual(['Laptop will not boot', 'Need access to the billing dashboard', 'Projector in room B?']);
    // Nothing new: a poll starts nothing.
    await poll();
    expect(await listRuns(server, recipe.id)).toHaveLength(3);
  });

  it('neither doubles nor skips across a restart', async () => {
    fake.post(support, 'Wi-Fi password?');
    await server.kill('SIGKILL');
    fake.post(support, 'Posted while Switchyard was down');
    await server.start();
    await poll();
    const runs = await waitForRuns(server, recipe.id, 5);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    await poll();
    expect(await listRuns(server, recipe.id)).toHaveLength(5);
    expect(reactedTexts()).toEqual([
      'Laptop will not boot',
      'Need access to the billing dashboard',
      'Projector in room B?',
      'Wi-Fi password?',
      'Posted while Switchyard was down',
    ]);
    // Each message got one reaction from the app: a second reactions.add would have met already_reacted.
    expect(fake.calls('reactions.add')).toHaveLength(5);
  });
});
