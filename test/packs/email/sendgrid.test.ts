import { Client } from '@sendgrid/client';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { MailService } from '@sendgrid/mail';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import type { Sink, SinkRequest } from '../../support/sink.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connect, draftSteps, meaning, type StepTest } from './email-steps.js';
import { startSendgridFake } from './sendgrid-fake.js';
import { sendgridSigner } from './sendgrid-signer.js';

const apiKey = 'SG.t3st_K3y.7Wz3Xc1Vb5Nm8Rt4Yp6Ua0Se2Gh9Kd2Lq';
const pdf = Buffer.from('%PDF-1.4 receipt').toString('base64');

/** A SendGrid event as the Event Webhook posts it. */
const event = (id: string, type: string, email = 'ada@example.com') => ({
  email,
  timestamp: 1795000000,
  event: type,
  sg_event_id: id,
  sg_message_id: 'msg_1.filter0001',
  ...(type === 'bounce' && { type: 'bounce', reason: '550 5.1.1 The email account does not exist', status: '5.1.1' }),
});

/**
 * The SendGrid pack against a local fake of SendGrid v3: the send and contact actions run through the
 * builder's step test and through @sendgrid/mail and @sendgrid/client pointed at the same fake
 * (setDefaultRequest('baseUrl')), compared in method, path, media type, Bearer key and decoded body. The
 * Event Webhook trigger is fed deliveries signed as SendGrid signs them, and @sendgrid/eventwebhook agrees
 * on every signature; recipe: a bounce → filter → add to a "Bounced" list → tell ops by email.
 */
describe('SendGrid pack', () => {
  const own = useResources('all');
  const signer = sendgridSigner();
  let fake: Awaited<ReturnType<typeof startSendgridFake>>;
  let sink: Sink;
  let server: SwitchyardProcess;
  let connection = '';
  let step: Awaited<ReturnType<typeof draftSteps>>;

  const envelope = { from: 'orders@acme.dev', from_name: 'Acme', to: 'ada@example.com', to_name: 'Ada', cc: [{ email: 'finance@acme.dev' }], bcc: [{ email: 'audit@acme.dev', name: 'Audit' }], reply_to: { email: 'help@acme.dev' } };
  const steps = {
    send: {
      use: 'sendgrid/send-mail',
      input: { ...envelope, subject: 'Receipt #42', body: '<p>Thanks!</p>', attachments: [{ content: pdf, filename: 'receipt.pdf', type: 'application/pdf' }], categories: 'receipt, shop', send_at: 1795000000, custom_args: { order_id: '42' } },
    },
    send_text: { use: 'sendgrid/send-mail', input: { from: 'orders@acme.dev', to: 'ada@example.com', subject: 'Plain', body: 'Just text.', content_type: 'text/plain' } },
    template: { use: 'sendgrid/send-template-mail', input: { ...envelope, template_id: 'd-1a2b3c', dynamic_template_data: { first_name: 'Ada', items: [{ sku: 'A1', qty: 2 }], total: 19.5 } } },
    send_bad: { use: 'sendgrid/send-mail', input: { from: 'orders@acme.dev', to: 'ada@example.com', subject: 'x', body: 'x', reply_to: { email: 'nobody' } } },
    contact: { use: 'sendgrid/add-contact', input: { list_id: 'lst-bounced', email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', country: 'US', custom_fields: { e1_T: 'gold' } } },
  };

  beforeAll(async () => {
    fake = await startSendgridFake(apiKey);
    sink = own(fake.sink);
    server = own(await SwitchyardProcess.launch());
    const connected = await connect(server, 'sendgrid', { api_key: apiKey, base_url: sink.url, webhook_verification_key: signer.publicKey });
    expect(connected.status).toBe(201);
    expect(JSON.stringify(connected.body)).not.toContain(apiKey);
    connection = connected.id;
    step = await draftSteps(server, connection, steps);
  });

  async function run(stepId: keyof typeof steps): Promise<{ result: StepTest; request: SinkRequest }> {
    const before = sink.requests.length;
    const result = await step(stepId);
    const made = sink.requests.slice(before);
    expect(made).toHaveLength(1);
    return { result, request: made[0]! };
  }

  async function bySdk(call: () => Promise<unknown>): Promise<SinkRequest> {
    const before = sink.requests.length;
    await call();
    const made = sink.requests.slice(before);
    expect(made).toHaveLength(1);
    return made[0]!;
  }

  /** The SDK's client on the fake: setApiKey picks the region's host, so the base URL is set after it. */
  function client(): Client {
    const sdk = new Client();
    sdk.setApiKey(apiKey);
    sdk.setDefaultRequest('baseUrl', sink.url);
    return sdk;
  }

  function mailer(): MailService {
    const mail = new MailService();
    mail.setClient(client());
    return mail;
  }

  it('refuses a wrong API key on save with SendGrid’s message', async () => {
    const refused = await connect(server, 'sendgrid', { api_key: 'SG.wrong', base_url: sink.url });
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('SendGrid refused the API key');
    expect(sink.requestsTo('/v3/scopes').at(-1)!.headers['authorization']).toBe('Bearer SG.wrong');
  });

  it('sends an HTML email as @sendgrid/mail does: personalization, from, reply-to, attachments, categories, send_at, custom_args', async () => {
    const { result, request } = await run('send');
    expect(result.ok).toBe(true);
    const theirs = await bySdk(() =>
      mailer().send({
        to: { email: 'ada@example.com', name: 'Ada' },
        cc: [{ email: 'finance@acme.dev' }],
        bcc: [{ email: 'audit@acme.dev', name: 'Audit' }],
        from: { email: 'orders@acme.dev', name: 'Acme' },
        replyTo: { email: 'help@acme.dev' },
        subject: 'Receipt #42',
        html: '<p>Thanks!</p>',
        attachments: [{ content: pdf, filename: 'receipt.pdf', type: 'application/pdf' }],
        categories: ['receipt', 'shop'],
        sendAt: 1795000000,
        customArgs: { order_id: '42' },
      }),
    );
    expect(meaning(request)).toEqual(meaning(theirs));
    expect(fake.mails).toHaveLength(2);
  });

  it('sends a plain-text email as @sendgrid/mail does', async () => {
    const { request } = await run('send_text');
    const theirs = await bySdk(() => mailer().send({ to: 'ada@example.com', from: 'orders@acme.dev', subject: 'Plain', text: 'Just text.' }));
    expect(meaning(request)).toEqual(meaning(theirs));
  });

  it('sends from a dynamic template with its data as @sendgrid/mail does', async () => {
    const { result, request } = await run('template');
    expect(result.ok).toBe(true);
    const theirs = await bySdk(() =>
      mailer().send({
        to: { email: 'ada@example.com', name: 'Ada' },
        cc: [{ email: 'finance@acme.dev' }],
        bcc: [{ email: 'audit@acme.dev', name: 'Audit' }],
        from: { email: 'orders@acme.dev', name: 'Acme' },
        replyTo: { email: 'help@acme.dev' },
        templateId: 'd-1a2b3c',
        dynamicTemplateData: { first_name: 'Ada', items: [{ sku: 'A1', qty: 2 }], total: 19.5 },
      }),
    );
    expect(meaning(request)).toEqual(meaning(theirs));
  });

  it('adds a contact to a list as @sendgrid/client does, and answers the job id', async () => {
    const { result, request } = await run('contact');
    expect(result).toMatchObject({ ok: true, output: { job_id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const theirs = await bySdk(() =>
      client().request({
        method: 'PUT',
        url: '/v3/marketing/contacts',
        body: { list_ids: ['lst-bounced'], contacts: [{ email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', country: 'US', custom_fields: { e1_T: 'gold' } }] },
      }),
    );
    expect(meaning(request)).toEqual(meaning(theirs));
  });

  it('shows SendGrid’s own message when it refuses a send', async () => {
    const { result } = await run('send_bad');
    expect(result).toMatchObject({ ok: false, error: { message: 'SendGrid answered 400: The reply_to email does not contain a valid address.' } });
  });

  describe('Event Webhook', () => {
    let hookPath = '';
    let recipeId = '';

    beforeAll(async () => {
      const recipe = await publishRecipe(server, {
        name: 'Hard bounces: mark and tell ops',
        trigger: { use: 'sendgrid/email-event', connection, input: { event_types: ['bounce', 'dropped'] } },
        steps: [
          { id: 'hard', use: 'core/filter', input: { all: [{ left: '{{trigger.event}}', op: 'eq', right: 'bounce' }] } },
          { id: 'mark', use: 'sendgrid/add-contact', connection, input: { list_id: 'lst-bounced', email: '{{trigger.email}}', custom_fields: { e2_T: '{{trigger.reason}}' } } },
          {
            id: 'tell',
            use: 'sendgrid/send-mail',
            connection,
            input: { from: 'robot@acme.dev', to: 'ops@acme.dev', subject: 'Bounce: {{trigger.email}}', body: '{{trigger.email}} bounced: {{trigger.reason}}', content_type: 'text/plain' },
          },
        ],
      });
      hookPath = recipe.hookPath!;
      recipeId = recipe.id;
    });

    const post = async (body: string, headers: Record<string, string>) => {
      const answer = await fetch(`${server.baseUrl}${hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    };

    it('SendGrid’s SDK accepts our signatures, and refuses them on another body', () => {
      const body = JSON.stringify([event('sg_x', 'bounce')]);
      const headers = signer.headers(body);
      const sdk = new EventWebhook();
      const key = sdk.convertPublicKeyToECDSA(signer.publicKey);
      const signature = headers['x-twilio-email-event-webhook-signature'];
      const timestamp = headers['x-twilio-email-event-webhook-timestamp'];
      expect(sdk.verifySignature(key, body, signature, timestamp)).toBe(true);
      expect(sdk.verifySignature(key, body.replace('bounce', 'open'), signature, timestamp)).toBe(false);
    });

    it('a bad or missing signature is a 401 and starts nothing', async () => {
      const body = JSON.stringify([event('sg_forged', 'bounce')]);
      const other = sendgridSigner();
      const good = signer.headers(body);
      const attempts: Record<string, string>[] = [
        {},
        other.headers(body),
        { ...good, 'x-twilio-email-event-webhook-signature': 'bm90IGEgc2lnbmF0dXJl' },
        signer.headers(body, String(Math.floor(Date.now() / 1000) - 3600)),
        { ...signer.headers(JSON.stringify([event('sg_other', 'bounce')])) },
      ];
      for (const headers of attempts) expect((await post(body, headers)).status).toBe(401);
      expect(await listRuns(server, recipeId)).toEqual([]);
    });

    it('one run per selected event, once per sg_event_id; a bounce is marked and reported', async () => {
      const batch = JSON.stringify([event('sg_1', 'delivered'), event('sg_2', 'bounce', 'gone@example.com'), event('sg_3', 'dropped', 'spam@example.com'), event('sg_4', 'open')]);
      const first = await post(batch, signer.headers(batch));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ accepted: true, filtered: 2 });
      // SendGrid retries a delivery it thinks failed: the same events start nothing new.
      const again = await post(batch, signer.headers(batch));
      expect(again.body).toMatchObject({ runIds: [], duplicates: 2 });

      const runs = await waitForRuns(server, recipeId, 2, 30_000);
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      const details = await Promise.all(runs.map((r) => getRun(server, r.id)));
      const marked = details.find((detail) => detail.steps.some((s) => s.stepId === 'mark' && s.status === 'succeeded'));
      expect(marked?.steps.find((s) => s.stepId === 'mark')?.output).toMatchObject({ job_id: expect.any(String) });
      expect(fake.contacts.at(-1)).toEqual({ listIds: ['lst-bounced'], contact: { email: 'gone@example.com', custom_fields: { e2_T: '550 5.1.1 The email account does not exist' } } });
      expect(fake.mails.at(-1)).toMatchObject({
        personalizations: [{ to: [{ email: 'ops@acme.dev' }] }],
        subject: 'Bounce: gone@example.com',
        content: [{ type: 'text/plain', value: 'gone@example.com bounced: 550 5.1.1 The email account does not exist' }],
      });
      expect(server.logTail(5000)).not.toContain(apiKey);
    });
  });
});
