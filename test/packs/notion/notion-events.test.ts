import { signWebhookPayload, verifyWebhookSignature } from '@notionhq/client';
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectNotion, integrationSecret } from './notion-connection.js';
import { NotionFake, type FakePage } from './notion-fake.js';

interface Delivery {
  status: number;
  body: Record<string, unknown>;
}

// Notion's verification token: sent once when the subscription is made, then the key of every signature.
const verificationToken = 'secret_tCVsQUBEGsHJx5ErWVYvixmb03Ps6bwWD1oznYtUiNN';

/**
 * The recipe "Notion webhook: page created → filter → append a paragraph to that page", end to end on the fake.
 * Notion's one verification POST is answered 200 and its token kept once (a second is refused); editors read
 * it from the trigger's state to paste back into Notion, viewers never do. Deliveries are signed by
 * @notionhq/client's signWebhookPayload (checked by hand: sha256=<hex HMAC-SHA256 of the raw body>); bad or
 * missing signatures are 401 with no run, a retried delivery (same event id) runs once, other types are filtered.
 */
describe('Notion webhook → append paragraph', () => {
  const own = useResources('all');
  let fake: NotionFake;
  let server: SwitchyardProcess;
  let recipe: PublishedRecipe;
  let page: FakePage;
  let events = 0;

  beforeAll(async () => {
    fake = own(await NotionFake.start([integrationSecret]));
    const tasks = fake.addDataSource('Tasks');
    page = fake.addPage(tasks, 'Launch plan');
    server = own(await SwitchyardProcess.launch());
    const connection = await connectNotion(server, fake);
    expect(connection.status).toBe(201);
    recipe = await publishRecipe(server, {
      name: 'Greet new pages',
      trigger: { use: 'notion/webhook-event', connection: connection.id, input: { event_types: ['page.created', 'page.properties_updated'] } },
      steps: [
        { id: 'only_pages', use: 'core/filter', input: { all: [{ left: '{{trigger.entity.type}}', op: 'eq', right: 'page' }] } },
        { id: 'note', use: 'notion/append-paragraph', connection: connection.id, input: { page_id: '{{trigger.entity.id}}', text: 'Seen by Switchyard: {{trigger.type}}' } },
      ],
    });
  });

  function event(type: string, entityType = 'page'): string {
    events += 1;
    return JSON.stringify({
      id: `367cba44-b6f3-4c92-81e7-${String(events).padStart(12, '0')}`,
      timestamp: '2026-06-01T12:05:30.000Z',
      workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
      subscription_id: '29d75c0d-5546-4414-8459-7b7a92f1fc4b',
      integration_id: '0ef104cd-477e-4ec4-8b78-d8e0f27bc1c3',
      type,
      authors: [{ id: 'c7c11cca-1d73-471d-9b6e-bdef51470190', type: 'person' }],
      attempt_number: 1,
      entity: { id: page.id, type: entityType },
      data: { parent: { id: page.parent.data_source_id, type: 'data_source' } },
    });
  }

  async function deliver(body: string, headers: Record<string, string> = {}): Promise<Delivery> {
    const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  /** Signed with the SDK's helper, which must equal Notion's documented scheme and pass the SDK's verifier. */
  async function signed(body: string, token = verificationToken): Promise<Record<string, string>> {
    const signature = await signWebhookPayload({ body, verificationToken: token });
    expect(signature).toBe(`sha256=${createHmac('sha256', token).update(body).digest('hex')}`);
    expect(await verifyWebhookSignature({ body, signature, verificationToken: token })).toBe(true);
    return { 'x-notion-signature': signature };
  }

  const state = async (token = server.token) => {
    const answer = await fetch(`${server.baseUrl}/api/v1/triggers/${recipe.trigger.id}/state`, { headers: { authorization: `Bearer ${token}` } });
    return (await answer.json()) as { state: { handshakeDone?: boolean; handshakeToken?: string } };
  };

  it('answers the verification request, keeps its token once, and shows it to editors only', async () => {
    expect((await state()).state.handshakeToken).toBeUndefined();
    expect(await deliver(JSON.stringify({ verification_token: verificationToken }))).toEqual({ status: 200, body: {} });
    expect((await state()).state).toMatchObject({ handshakeDone: true, handshakeToken: verificationToken });
    // Someone who learnt the URL cannot swap the token.
    expect((await deliver(JSON.stringify({ verification_token: 'secret_intruder' }))).status).toBe(401);
    expect((await state()).state.handshakeToken).toBe(verificationToken);

    expect((await server.cli(['users', 'create', '--email', 'viewer@example.com', '--password', 'correct horse battery staple', '--role', 'viewer'])).code).toBe(0);
    const viewerToken = (await server.cli(['tokens', 'create', '--email', 'viewer@example.com', '--name', 'viewer'])).stdout.trim();
    const seen = await state(viewerToken);
    expect(seen.state.handshakeDone).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(verificationToken);
  });

  it('refuses unsigned and wrongly signed deliveries with 401 and starts nothing', async () => {
    const body = event('page.created');
    const attempts = [{}, await signed(body, 'secret_not_the_token'), { 'x-notion-signature': (await signed(body))['x-notion-signature']!.replace('sha256=', '') }, await signed(`${body} `)];
    for (const headers of attempts) expect((await deliver(body, headers)).status).toBe(401);
    expect(await listRuns(server, recipe.id)).toEqual([]);
  });

  it('appends once to a created page however often Notion retries, and filters other events', async () => {
    const body = event('page.created');
    expect(await deliver(body, await signed(body))).toMatchObject({ status: 200, body: { accepted: true, duplicates: 0, filtered: 0 } });
    expect(await deliver(body, await signed(body))).toMatchObject({ status: 200, body: { runIds: [], duplicates: 1 } });
    const other = event('comment.created');
    expect(await deliver(other, await signed(other))).toMatchObject({ status: 200, body: { runIds: [], filtered: 1 } });
    // A database event of a listened type passes the trigger but stops at the recipe's filter.
    const database = event('page.properties_updated', 'database');
    expect((await deliver(database, await signed(database))).status).toBe(200);

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    const details = await Promise.all(runs.map((run) => getRun(server, run.id)));
    // The database event stopped at the filter: one append in all.
    expect(details.flatMap((detail) => detail.steps).filter((step) => step.path === 'note' && step.status === 'succeeded')).toHaveLength(1);
    expect(page.blocks.map((block) => (block['paragraph'] as { rich_text: { text: { content: string } }[] }).rich_text[0]!.text.content)).toEqual(['Seen by Switchyard: page.created']);
    expect(server.logTail(5000)).not.toContain(verificationToken);
    expect(server.logTail(5000)).not.toContain(integrationSecret);
  });

  it('takes a new token (a subscription made again in Notion) once the trigger state is reset, and verifies with it', async () => {
    expect((await server.api('DELETE', `/triggers/${recipe.trigger.id}/state`)).status).toBe(200);
    expect((await state()).state.handshakeToken).toBeUndefined();
    const renewed = 'secret_renewedVerificationTokenForTheSameUrl0000';
    expect((await deliver(JSON.stringify({ verification_token: renewed }))).status).toBe(200);
    expect((await state()).state.handshakeToken).toBe(renewed);
    const body = event('page.created');
    expect((await deliver(body, await signed(body))).status).toBe(401);
    expect((await deliver(body, await signed(body, renewed))).status).toBe(200);
  });
});
