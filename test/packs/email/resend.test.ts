import { Resend } from 'resend';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import type { Sink, SinkRequest } from '../../support/sink.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connect, draftSteps, meaning, type StepTest } from './email-steps.js';
import { startResendFake } from './resend-fake.js';

const apiKey = 're_test_9Kd2Lq7Wz3Xc1Vb';
const pdf = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj').toString('base64');

/**
 * The Resend pack against a local fake of Resend's API: each action run through the builder's step test and
 * the same operation through the official `resend` SDK pointed at the same fake (its `baseUrl` option);
 * method, path, media type, Bearer key, decoded body and the batch validation header must agree, and both
 * carry an Idempotency-Key. Then a recipe: a signup webhook → filter → welcome email through Resend.
 */
describe('Resend pack', () => {
  const own = useResources('all');
  let fake: Awaited<ReturnType<typeof startResendFake>>;
  let sink: Sink;
  let server: SwitchyardProcess;
  let connection = '';
  let step: Awaited<ReturnType<typeof draftSteps>>;
  const sdk = () => new Resend(apiKey, { baseUrl: sink.url });

  const steps = {
    send: {
      use: 'resend/send-email',
      input: {
        from: 'Acme <orders@acme.dev>',
        to: 'ada@example.com, Bob <bob@example.com>',
        subject: 'Your receipt',
        html: '<p>Thanks, {{trigger.name}}!</p>',
        text: 'Thanks!',
        cc: 'finance@acme.dev',
        bcc: 'audit@acme.dev',
        reply_to: 'help@acme.dev',
        scheduled_at: 'in 1 min',
        attachments: [{ filename: 'receipt.pdf', content: pdf }, { filename: 'logo.png', path: 'https://acme.dev/logo.png', content_type: 'image/png' }],
        tags: [{ name: 'category', value: 'receipt' }],
        headers: { 'X-Entity-Ref-ID': 'order-42' },
      },
    },
    send_bad: { use: 'resend/send-email', input: { from: 'Acme <orders@acme.dev>', to: 'not-an-address', subject: 'x', text: 'x' } },
    batch: {
      use: 'resend/send-batch',
      input: {
        emails: [
          { from: 'Acme <a@acme.dev>', to: ['ada@example.com'], subject: 'One', html: '<p>1</p>' },
          { from: 'Acme <a@acme.dev>', to: ['bob@example.com'], subject: 'Two', text: '2' },
        ],
      },
    },
    batch_permissive: {
      use: 'resend/send-batch',
      input: { validation: 'permissive', emails: [{ from: 'a@acme.dev', to: ['ok@example.com'], subject: 'ok', text: 'x' }, { from: 'a@acme.dev', subject: 'no to', text: 'x' }] },
    },
    get: { use: 'resend/get-email', input: { email_id: '{{trigger.email_id}}' } },
    cancel: { use: 'resend/cancel-email', input: { email_id: '{{trigger.email_id}}' } },
  };

  beforeAll(async () => {
    fake = await startResendFake(apiKey);
    sink = own(fake.sink);
    server = own(await SwitchyardProcess.launch());
    const connected = await connect(server, 'resend', { api_key: apiKey, base_url: sink.url });
    expect(connected.status).toBe(201);
    expect(JSON.stringify(connected.body)).not.toContain(apiKey);
    connection = connected.id;
    step = await draftSteps(server, connection, steps);
  });

  /** Runs one step test and answers it with the one request it made. */
  async function run(stepId: keyof typeof steps, sample: Record<string, unknown> = {}): Promise<{ result: StepTest; request: SinkRequest }> {
    const before = sink.requests.length;
    const result = await step(stepId, sample);
    const made = sink.requests.slice(before);
    expect(made).toHaveLength(1);
    return { result, request: made[0]! };
  }

  async function bySdk(call: (client: Resend) => Promise<unknown>): Promise<SinkRequest> {
    const before = sink.requests.length;
    await call(sdk());
    const made = sink.requests.slice(before);
    expect(made).toHaveLength(1);
    return made[0]!;
  }

  it('sends an email as the SDK does: lists, HTML and text, schedule, attachments, tags, headers, Idempotency-Key', async () => {
    const { result, request } = await run('send', { trigger: { name: 'Ada' } });
    expect(result).toMatchObject({ ok: true, output: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const theirs = await bySdk((client) =>
      client.emails.send(
        {
          from: 'Acme <orders@acme.dev>',
          to: ['ada@example.com', 'Bob <bob@example.com>'],
          subject: 'Your receipt',
          html: '<p>Thanks, Ada!</p>',
          text: 'Thanks!',
          cc: ['finance@acme.dev'],
          bcc: ['audit@acme.dev'],
          replyTo: ['help@acme.dev'],
          scheduledAt: 'in 1 min',
          attachments: [{ filename: 'receipt.pdf', content: pdf }, { filename: 'logo.png', path: 'https://acme.dev/logo.png', contentType: 'image/png' }],
          tags: [{ name: 'category', value: 'receipt' }],
          headers: { 'X-Entity-Ref-ID': 'order-42' },
        },
        { idempotencyKey: 'sdk-key-1' },
      ),
    );
    expect(meaning(request)).toEqual(meaning(theirs));
    expect(request.headers['authorization']).toBe(`Bearer ${apiKey}`);
    expect(request.idempotencyKey).toMatch(/\S{8,}/);
    expect(theirs.idempotencyKey).toBe('sdk-key-1');
    expect(fake.sent.at(-1)).toMatchObject({ to: ['ada@example.com', 'Bob <bob@example.com>'], attachments: [{ filename: 'receipt.pdf', content: pdf }, { path: 'https://acme.dev/logo.png' }] });
  });

  it('sends a batch as the SDK does (strict validation header), and permissive batches say which failed', async () => {
    const { result, request } = await run('batch');
    expect(result).toMatchObject({ ok: true, output: { data: [{ id: expect.any(String) }, { id: expect.any(String) }] } });
    const theirs = await bySdk((client) =>
      client.batch.send(
        [
          { from: 'Acme <a@acme.dev>', to: ['ada@example.com'], subject: 'One', html: '<p>1</p>' },
          { from: 'Acme <a@acme.dev>', to: ['bob@example.com'], subject: 'Two', text: '2' },
        ],
        { idempotencyKey: 'sdk-batch-1' },
      ),
    );
    expect(meaning(request, ['x-batch-validation'])).toEqual(meaning(theirs, ['x-batch-validation']));
    expect(request.headers['x-batch-validation']).toBe('strict');
    expect(request.idempotencyKey).toMatch(/\S{8,}/);

    const permissive = await run('batch_permissive');
    expect(permissive.request.headers['x-batch-validation']).toBe('permissive');
    expect(permissive.result).toMatchObject({ ok: true, output: { data: [{ id: expect.any(String) }], errors: [{ index: 1, message: 'emails[1]: Missing `to` field.' }] } });
  });

  it('reads a sent email by id as the SDK does', async () => {
    const id = fake.sent.at(-1)!['id'] as string;
    const { result, request } = await run('get', { trigger: { email_id: id } });
    expect(result).toMatchObject({ ok: true, output: { id, last_event: 'delivered' } });
    const theirs = await bySdk((client) => client.emails.get(id));
    expect(meaning(request)).toEqual(meaning(theirs));
  });

  it('cancels a scheduled email as the SDK does; one already cancelled is refused with Resend’s message', async () => {
    const scheduled = fake.sent.find((email) => email['scheduled_at'] !== undefined && email['canceled'] === undefined)!;
    const { result, request } = await run('cancel', { trigger: { email_id: scheduled['id'] } });
    expect(result).toMatchObject({ ok: true, output: { object: 'email', id: scheduled['id'] } });
    const again = await run('cancel', { trigger: { email_id: scheduled['id'] } });
    expect(again.result).toMatchObject({ ok: false, error: { message: 'Resend answered 422: Only scheduled emails that have not been sent can be canceled.' } });
    const theirs = await bySdk((client) => client.emails.cancel(scheduled['id'] as string));
    expect(meaning(request)).toEqual(meaning(theirs));
  });

  it('shows Resend’s own message when it refuses an email', async () => {
    const { result } = await run('send_bad');
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Invalid `to` field.') } });
    expect(result.error!.message).toContain('Resend answered 422');
  });

  it('a recipe: signup webhook → filter → welcome email; a lost answer is retried with the same Idempotency-Key and sends once', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Welcome new signups',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [
        { id: 'real', use: 'core/filter', input: { all: [{ left: '{{trigger.body.email}}', op: 'ends_with', right: '@example.com' }] } },
        {
          id: 'welcome',
          use: 'resend/send-email',
          connection,
          input: { from: 'Acme <hello@acme.dev>', to: '{{trigger.body.email}}', subject: 'Welcome, {{trigger.body.name}}', html: '<h1>Welcome!</h1>', tags: [{ name: 'flow', value: 'welcome' }] },
        },
      ],
    });
    const before = fake.sent.length;
    const calls = sink.requestsTo('/emails').length;
    fake.loseReplies(1);
    const signups = [
      { id: 'su_1', email: 'ada@example.com', name: 'Ada' },
      { id: 'su_2', email: 'bot@spam.test', name: 'Bot' },
      { id: 'su_3', email: 'grace@example.com', name: 'Grace' },
    ];
    for (const body of signups) {
      const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(answer.status).toBeLessThan(300);
    }
    const runs = await waitForRuns(server, recipe.id, 3, 30_000);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const welcomed = fake.sent.slice(before);
    expect(welcomed.map((email) => [email['to'], email['subject']]).sort()).toEqual([
      [['ada@example.com'], 'Welcome, Ada'],
      [['grace@example.com'], 'Welcome, Grace'],
    ]);
    // One answer was lost and that step retried with the same key: three calls, two emails (the filtered run never sent).
    const posted = sink.requestsTo('/emails').slice(calls);
    expect(posted).toHaveLength(3);
    expect(new Set(posted.map((request) => request.idempotencyKey)).size).toBe(2);
    const retried = await Promise.all(runs.map((r) => getRun(server, r.id)));
    expect(retried.flatMap((detail) => detail.steps.filter((s) => s.stepId === 'welcome').map((s) => s.attempts)).sort()).toEqual([0, 1, 2]);
    expect(server.logTail(5000)).not.toContain(apiKey);
  });
});
