import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connect, draftSteps } from './email-steps.js';
import { startSmtpFake } from './smtp-fake.js';

const account = { user: 'robot@shop.test', password: 'app-pw-7Wz3Xc1Vb5Nm' };
const invoice = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3 invoice 1001').toString('base64');

/**
 * core/email and the `smtp` pack against a real SMTP server on 127.0.0.1 (smtp-server, read back with
 * mailparser): saving an account logs in (wrong password or an untrusted certificate refused, nothing
 * stored), a step test sends, and a recipe "order webhook → only big orders → receipt email with the
 * invoice attached, Bcc to accounting" runs end to end; a refused recipient fails the run once, readably.
 */
describe('SMTP account and core/email', () => {
  const own = useResources('all');
  let smtp: Awaited<ReturnType<typeof startSmtpFake>>;
  let server: SwitchyardProcess;
  let connection = '';
  const fields = (more: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: smtp.port,
    security: 'starttls',
    username: account.user,
    password: account.password,
    from_address: 'Shop <robot@shop.test>',
    accept_untrusted_certificate: true,
    ...more,
  });

  beforeAll(async () => {
    smtp = own(await startSmtpFake(account, ['gone@example.com']));
    server = own(await SwitchyardProcess.launch());
  });

  it('saving an account logs in: a wrong password and an untrusted certificate are refused, nothing stored', async () => {
    const wrong = await connect(server, 'smtp', fields({ password: 'wrong' }));
    expect(wrong.status).toBe(422);
    expect(wrong.message).toContain('127.0.0.1 refused the username or password');
    const untrusted = await connect(server, 'smtp', fields({ accept_untrusted_certificate: false }));
    expect(untrusted.status).toBe(422);
    expect(untrusted.message).toContain('not trusted');
    const listed = await server.api<{ connections: unknown[] }>('GET', '/connections?packId=smtp');
    expect(listed.body.connections).toEqual([]);

    const saved = await connect(server, 'smtp', fields());
    expect(saved.status).toBe(201);
    expect(saved.body.connection?.status).toBe('ok');
    expect(JSON.stringify(saved.body)).not.toContain(account.password);
    connection = saved.id;
    const tested = await server.api<{ ok: boolean }>('POST', `/connections/${connection}/test`, {});
    expect(tested.body.ok).toBe(true);
    // Logging in sends nothing.
    expect(smtp.received).toEqual([]);
  });

  it('a step test sends through the account: HTML and text, Reply-To, Cc, an attachment from a file value', async () => {
    const step = await draftSteps(server, connection, {
      mail: {
        use: 'core/email',
        input: {
          to: '{{trigger.customer}}',
          cc: 'sales@shop.test',
          replyTo: 'help@shop.test',
          subject: 'Test {{trigger.n}}',
          text: 'Hello',
          html: '<p>Hello</p>',
          attachments: ['{{trigger.file}}'],
        },
      },
    });
    const result = await step('mail', { trigger: { n: 1, customer: 'Ada <ada@example.com>', file: { base64: invoice, filename: 'invoice.pdf', contentType: 'application/pdf' } } });
    expect(result).toMatchObject({ ok: true, output: { accepted: ['ada@example.com', 'sales@shop.test'], rejected: [] } });
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ user: account.user, secure: true, mailFrom: 'robot@shop.test', rcptTo: ['ada@example.com', 'sales@shop.test'] });
    expect(mail!.parsed.subject).toBe('Test 1');
    expect(mail!.parsed.replyTo?.text).toBe('help@shop.test');
    expect(mail!.parsed.html).toBe('<p>Hello</p>');
    expect(mail!.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('base64')])).toEqual([['invoice.pdf', 'application/pdf', invoice]]);
  });

  it('a recipe: order webhook → only big orders → receipt with the invoice, Bcc to accounting; a refused recipient fails the run once', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Receipts for big orders',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [
        { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: 100 }] } },
        {
          id: 'receipt',
          use: 'core/email',
          connection,
          input: {
            to: '{{trigger.body.email}}',
            bcc: '{{trigger.body.bcc}}',
            subject: 'Receipt for order {{trigger.body.id}}',
            text: 'Thanks for your order of {{trigger.body.amount}} EUR.',
            attachments: [{ base64: '{{trigger.body.invoice}}', filename: 'invoice-{{trigger.body.id}}.pdf', contentType: 'application/pdf' }],
          },
        },
      ],
    });
    const before = smtp.received.length;
    const orders = [
      { id: 'o_1', email: 'ada@example.com', amount: 250, invoice, bcc: 'accounting@shop.test' },
      { id: 'o_2', email: 'bob@example.com', amount: 20, invoice },
      // Its only recipient is refused: nothing is sent. (With others accepted, the step succeeds and lists it as rejected.)
      { id: 'o_3', email: 'gone@example.com', amount: 500, invoice },
    ];
    for (const order of orders) {
      const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) });
      expect(answer.status).toBeLessThan(300);
    }
    const runs = await waitForRuns(server, recipe.id, 3, 30_000);
    const details = await Promise.all(runs.map((run) => getRun(server, run.id)));
    const byOrder = new Map(details.map((detail) => [(detail.trigger as { body: { id: string } }).body.id, detail]));
    expect([...byOrder.keys()].sort()).toEqual(['o_1', 'o_2', 'o_3']);
    expect(byOrder.get('o_1')!.status).toBe('succeeded');
    expect(byOrder.get('o_2')!.status).toBe('succeeded');
    const refused = byOrder.get('o_3')!;
    expect(refused.status).toBe('failed');
    const failedStep = refused.steps.find((s) => s.stepId === 'receipt')!;
    expect(failedStep.attempts).toBe(1);
    expect(failedStep.error).toMatchObject({ code: 'SMTP_550', message: expect.stringContaining('refused the message (RCPT TO): 550 5.1.1 <gone@example.com>: Recipient address rejected') });

    const sent = smtp.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.rcptTo).toEqual(['ada@example.com', 'accounting@shop.test']);
    expect(sent[0]!.raw).not.toContain('accounting@shop.test');
    expect(sent[0]!.parsed.subject).toBe('Receipt for order o_1');
    expect(sent[0]!.parsed.text?.trim()).toBe('Thanks for your order of 250 EUR.');
    expect(sent[0]!.parsed.attachments.map((a) => [a.filename, a.content.toString('base64')])).toEqual([['invoice-o_1.pdf', invoice]]);
    expect(server.logTail(5000)).not.toContain(account.password);
  });
});
