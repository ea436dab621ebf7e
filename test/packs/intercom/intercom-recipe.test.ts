import { createHmac, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../support/inspect-db.js';
import { publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectIntercom } from './intercom-connection.js';
import { IntercomFake } from './intercom-fake.js';

interface DeliveryAnswer {
  status: number;
  body: { runIds?: string[]; duplicates?: number; filtered?: number; error?: { code: string } };
}

/**
 * Posts a notification as Intercom does (https://developers.intercom.com/docs/references/webhooks/webhook-models#signed-notifications):
 * `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body keyed by the app's client secret>`. Intercom's SDK has
 * no signer and its docs give no test vector, so the signature is built here from that description.
 */
async function notify(url: string, notification: unknown, secret: string | null): Promise<DeliveryAnswer> {
  const body = JSON.stringify(notification);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'intercom-parrot-service-sidekiq/1.0' };
  if (secret !== null) headers['x-hub-signature'] = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
  const answer = await fetch(url, { method: 'POST', headers, body });
  return { status: answer.status, body: (await answer.json()) as DeliveryAnswer['body'] };
}

function notification(topic: string, item: Record<string, unknown>) {
  return { type: 'notification_event', app_id: 'ecahpwf5', id: `notif_${randomUUID()}`, topic, delivery_attempts: 1, first_sent_at: 1717243200, created_at: 1717243200, data: { type: 'notification_event_data', item } };
}

/**
 * The pack's recipe end to end on the fake: "a contact starts a conversation (webhook) → reply as a
 * teammate". Intercom's setup ping and other topics start nothing, a retried notification one run, a bad or
 * missing signature is a 401 that stores nothing, and neither the token nor the secret reach the log.
 */
describe('Intercom recipe: answer new conversations', () => {
  const own = useResources('all');
  let fake: IntercomFake;
  let server: SwitchyardProcess;

  beforeAll(async () => {
    fake = own(await IntercomFake.start());
    server = own(await SwitchyardProcess.launch());
  });

  it('replies once to each new conversation', async () => {
    const connection = (await connectIntercom(server, fake)).id;
    const recipe = await publishRecipe(server, {
      name: 'Answer new conversations',
      trigger: { use: 'intercom/webhook-event', connection, input: { topics: ['conversation.user.created'] } },
      steps: [
        {
          id: 'reply',
          use: 'intercom/reply-to-conversation',
          connection,
          input: { conversation_id: '{{trigger.data.item.id}}', admin_id: '991267', message_type: 'comment', body: 'Hi! Thanks for writing in; we answer within the hour.' },
        },
      ],
    });
    const url = recipe.trigger.webhookUrl!;
    const secret = fake.oauthApp.clientSecret;
    const ada = fake.addContact('ada@example.com');
    const first = fake.addConversation(ada.id, 'My engine stopped');
    const second = fake.addConversation(ada.id, 'And the printer too');
    const started = notification('conversation.user.created', { type: 'conversation', id: first.id });

    for (const bad of ['not the client secret', null]) {
      const refused = await notify(url, started, bad);
      expect(refused.status).toBe(401);
      expect(refused.body.error?.code).toBe('SIGNATURE_INVALID');
    }
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', recipe.trigger.id)).toBe(0);

    expect((await notify(url, notification('ping', { type: 'ping', message: 'something something interzen' }), secret)).body).toMatchObject({ runIds: [], filtered: 1 });
    expect((await notify(url, started, secret)).body.runIds).toHaveLength(1);
    // Intercom retries a notification it thinks failed with the same id.
    expect((await notify(url, { ...started, delivery_attempts: 2 }, secret)).body).toMatchObject({ runIds: [], duplicates: 1 });
    expect((await notify(url, notification('conversation.user.replied', { type: 'conversation', id: first.id }), secret)).body).toMatchObject({ filtered: 1 });
    expect((await notify(url, notification('conversation.user.created', { type: 'conversation', id: second.id }), secret)).body.runIds).toHaveLength(1);

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    const replies = fake.requestsTo('POST', /\/reply$/).map((request) => [request.path, request.json]);
    expect(replies.sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual(
      [first.id, second.id].map((id) => [`/conversations/${id}/reply`, { message_type: 'comment', type: 'admin', admin_id: '991267', body: 'Hi! Thanks for writing in; we answer within the hour.' }]),
    );
    expect(server.logTail(5000)).not.toContain(secret);
    expect(server.logTail(5000)).not.toContain(fake.accessToken);
  });
});
