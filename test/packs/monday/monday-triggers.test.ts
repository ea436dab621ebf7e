import { beforeAll, describe, expect, it } from 'vitest';
import { sdkRequest } from '../../support/pack-step-harness.js';
import { getRun, listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { apiToken, connectMonday, expectSameRequest, mondaySdk } from './monday-connection.js';
import { MondayFake } from './monday-fake.js';
import { mondayJwt } from './monday-jwt.js';

const createdEvent = (uuid: string, pulseId: number) => ({
  app: 'monday', type: 'create_pulse', triggerTime: '2026-11-20T12:00:00.210Z', userId: 15158293, boardId: 1771812698, pulseId, pulseName: `Item ${pulseId}`, groupId: 'topics', triggerUuid: uuid,
});

/**
 * monday.com board events on a local monday. The managed trigger: publishing calls create_webhook as
 * monday-sdk-js would, and monday's challenge arriving during that call is echoed, so the webhook exists;
 * deliveries need a JWT signed with the app's signing secret (a wrong secret, `alg: none`, an expired token
 * or none: 401, nothing stored); a repeated triggerUuid runs once; a complexity-budget error from monday is
 * retried; unpublishing calls delete_webhook as the SDK would. The pasted-URL trigger answers a challenge
 * only with a valid JWT and runs only for the chosen event types.
 */
describe('monday.com board events', () => {
  const own = useResources('all');
  let fake: MondayFake;
  let server: SwitchyardProcess;
  let connection: string;

  beforeAll(async () => {
    fake = own(await MondayFake.start(apiToken));
    fake.items.push({ id: '1772099344', name: 'Item 1772099344', board: { id: fake.board.id }, group: { id: 'topics', title: 'New' }, column_values: [] });
    server = own(await SwitchyardProcess.launch());
    connection = (await connectMonday(server, fake)).id;
  });

  it('creates the webhook through the challenge, verifies the JWT, dedupes, retries an exhausted budget, and deletes it', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Greet new items',
      trigger: { use: 'monday/board-event', connection, input: { board_id: fake.board.id, event: 'create_item' } },
      steps: [{ id: 'greet', use: 'monday/create-update', connection, input: { item_id: '{{trigger.event.pulseId}}', body: 'Welcome, {{trigger.event.pulseName}}!' } }],
    });
    const [webhookId, hook] = [...fake.webhooks.entries()][0]!;
    expect(hook).toEqual({ board: fake.board.id, url: expect.stringContaining(recipe.hookPath), event: 'create_item' });
    const sdk = mondaySdk(fake);
    const [ours] = fake.calls('create_webhook');
    const { query, variables } = ours!.json as { query: string; variables: Record<string, unknown> };
    expect(variables).toEqual({ board: fake.board.id, url: hook.url, event: 'create_item' });
    expectSameRequest(ours!, await sdkRequest(fake, () => sdk.api(query, { variables })));
    fake.webhooks.delete([...fake.webhooks.keys()][1]!);

    const url = hook.url;
    const post = (authorization: string | null) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization && { authorization }) }, body: JSON.stringify({ event: createdEvent('forged', 1772099344) }) });
    const now = Math.floor(Date.now() / 1000);
    const claims = { accountId: 4012689, aud: url, iat: now, exp: now + 300 };
    for (const authorization of [null, mondayJwt('not-the-secret', claims), mondayJwt(fake.oauthApp.signingSecret, claims, 'none'), mondayJwt(fake.oauthApp.signingSecret, { ...claims, exp: now - 600 })]) {
      expect((await post(authorization)).status).toBe(401);
    }
    expect(await listRuns(server, recipe.id)).toEqual([]);

    fake.exhaustBudget(1);
    const first = await fake.deliver(webhookId, createdEvent('645fc8d8709d35718f1ac9e4ca4d6bc8', 1772099344));
    expect(first).toMatchObject({ status: 200, body: { duplicates: 0 } });
    expect((await fake.deliver(webhookId, createdEvent('645fc8d8709d35718f1ac9e4ca4d6bc8', 1772099344))).body).toMatchObject({ runIds: [], duplicates: 1 });
    const [run] = await waitForRuns(server, recipe.id, 1);
    const detail = await getRun(server, run!.id);
    expect(detail.status).toBe('succeeded');
    expect(detail.steps[0]!.attempts).toBe(2);
    expect(fake.updates).toEqual([{ id: '2004157401', body: 'Welcome, Item 1772099344!', text_body: 'Welcome, Item 1772099344!', item_id: '1772099344' }]);

    expect((await server.api('POST', `/recipes/${recipe.id}/unpublish`, {})).status).toBe(200);
    const deleted = await waitFor(() => fake.calls('delete_webhook')[0], { timeoutMs: 10_000, what: 'the webhook to be deleted' });
    expect(fake.webhooks.size).toBe(0);
    fake.webhooks.set(webhookId, hook);
    const removal = deleted.json as { query: string; variables: Record<string, unknown> };
    expect(removal.variables).toEqual({ id: webhookId });
    expectSameRequest(deleted, await sdkRequest(fake, () => sdk.api(removal.query, { variables: removal.variables })));
    expect(server.logTail(5000)).not.toContain(apiToken);
    expect(server.logTail(5000)).not.toContain(fake.oauthApp.signingSecret);
  });

  it('answers the challenge of a pasted URL only with a valid JWT, and runs for the chosen event types', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Log new items',
      trigger: { use: 'monday/board-webhook', connection, input: { types: ['create_pulse'] } },
      steps: [],
    });
    const url = `${server.baseUrl}${recipe.hookPath}`;
    const now = Math.floor(Date.now() / 1000);
    const jwt = (secret: string) => mondayJwt(secret, { accountId: 4012689, aud: url, iat: now, exp: now + 300 });
    const send = async (body: unknown, authorization?: string) => {
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization && { authorization }) }, body: JSON.stringify(body) });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    };
    expect(await send({ challenge: 'ch-3eZbrw1aBm2rZgRN' }, jwt(fake.oauthApp.signingSecret))).toEqual({ status: 200, body: { challenge: 'ch-3eZbrw1aBm2rZgRN' } });
    expect((await send({ challenge: 'ch-3eZbrw1aBm2rZgRN' }, jwt('guess'))).status).toBe(401);
    expect((await send({ challenge: 'ch-3eZbrw1aBm2rZgRN' })).status).toBe(401);
    expect((await send({ event: createdEvent('u-1', 1) }, jwt(fake.oauthApp.signingSecret))).body).toMatchObject({ duplicates: 0, filtered: 0 });
    expect((await send({ event: { ...createdEvent('u-2', 1), type: 'update_name' } }, jwt(fake.oauthApp.signingSecret))).body).toMatchObject({ runIds: [], filtered: 1 });
    await waitForRuns(server, recipe.id, 1);
  });
});
