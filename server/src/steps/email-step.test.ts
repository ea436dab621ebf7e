import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import type { EgressClient } from '../egress/egress-client.js';
import { startSmtpTestServer, type SmtpTestServer } from '../email/smtp-test-server.js';
import type { StepContext } from './define-step.js';
import { emailStep } from './email-step.js';
import { StepError } from './step-error.js';

let server: SmtpTestServer;
beforeAll(async () => {
  server = await startSmtpTestServer({ users: { robot: 'pw' }, replies: { 'gone@example.com': 550, 'later@example.com': 421 } });
});
// The test server listens on 127.0.0.1: allowed here as SWITCHYARD_EGRESS_ALLOW would allow it.
const allowLocal = createEgressClient({ allow: ['127.0.0.1'] });
afterAll(() => Promise.all([server.close(), allowLocal.close()]));

/** The step's context: only the connection (read as the `smtp` pack's fields) and the egress policy matter here. */
function context(fields: Record<string, unknown> | undefined, asked: string[] = [], egress: EgressClient = allowLocal): StepContext {
  const connection: Pick<StepContext, 'signal' | 'connectionId' | 'connectionFields' | 'idempotencyKey' | 'egress'> = {
    egress,
    signal: AbortSignal.timeout(20_000),
    idempotencyKey: 'run_1:receipt',
    connectionId: fields && 'con_smtp',
    connectionFields: async (packId: string) => {
      asked.push(packId);
      return fields ?? {};
    },
  };
  return connection as StepContext;
}

const account = () => ({
  host: '127.0.0.1', port: server.port, security: 'starttls', username: 'robot', password: 'pw',
  from_address: 'Shop <shop@example.com>', accept_untrusted_certificate: true,
});

const parse = (input: Record<string, unknown>) => emailStep.input.safeParse(input);

describe('core/email input', () => {
  it('takes recipients as a comma-separated string or a list, and names the bad one', () => {
    const parsed = parse({ to: 'Ada <ada@example.com>, bob@example.com', cc: ['c@example.com'], bcc: '', subject: 'Hi', text: 'x' });
    expect(parsed.success && parsed.data).toMatchObject({ to: ['"Ada" <ada@example.com>', 'bob@example.com'], cc: ['c@example.com'], bcc: undefined });
    const bad = parse({ to: ['ok@example.com', 'not an address'], subject: 'Hi', text: 'x' });
    expect(bad.success ? [] : bad.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['to.1', '"not an address" is not an e-mail address']]);
  });

  it('needs a body and at least one recipient; attachments are file values or text', () => {
    const issues = (input: Record<string, unknown>) => {
      const parsed = parse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
    };
    expect(issues({ to: 'a@example.com', subject: 'Hi', html: '' })).toEqual(['text']);
    expect(issues({ to: [], subject: 'Hi', text: 'x' })).toEqual(['to']);
    expect(issues({ to: 'a@example.com', subject: 'Hi', text: 'x', attachments: [{ base64: 'not base64!' }, { content: 'x' }] })).toEqual([
      'attachments.0.base64', 'attachments.1',
    ]);
  });
});

describe('core/email', () => {
  it('sends through the step\'s SMTP account with attachments from a file value and from text', async () => {
    const asked: string[] = [];
    const input = emailStep.input.parse({
      to: 'ada@example.com',
      bcc: ['audit@example.com'],
      replyTo: 'help@example.com',
      subject: 'Your receipt',
      text: 'Attached.',
      html: '<p>Attached.</p>',
      attachments: [
        { base64: Buffer.from('%PDF-1.4 binary\u0000').toString('base64'), filename: 'receipt.pdf', contentType: 'application/pdf' },
        { content: 'a,b\n1,2\n', filename: 'rows.csv', contentType: 'text/csv' },
        { base64: Buffer.from([1, 2, 3]).toString('base64') },
      ],
    });
    const outcome = await emailStep.run(input, context(account(), asked));
    expect(asked).toEqual(['smtp']);
    expect(outcome).toMatchObject({ kind: 'done', output: { accepted: ['ada@example.com', 'audit@example.com'], rejected: [], messageId: expect.stringMatching(/^<.+>$/) } });
    const mail = server.received.at(-1)!;
    expect(mail.user).toBe('robot');
    expect(mail.rcptTo).toEqual(['ada@example.com', 'audit@example.com']);
    expect(mail.raw).not.toContain('audit@example.com');
    expect(mail.parsed.replyTo?.text).toBe('help@example.com');
    expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('base64')])).toEqual([
      ['receipt.pdf', 'application/pdf', Buffer.from('%PDF-1.4 binary\u0000').toString('base64')],
      ['rows.csv', 'text/csv', Buffer.from('a,b\n1,2\n').toString('base64')],
      ['attachment-3', 'application/octet-stream', 'AQID'],
    ]);
  });

  it('every attempt of a step sends the same Message-ID, on the sender\'s domain', async () => {
    const input = emailStep.input.parse({ to: 'ada@example.com', subject: 'Once', text: 'x' });
    await emailStep.run(input, context(account()));
    await emailStep.run(input, context(account()));
    const [first, second] = server.received.slice(-2).map((mail) => mail.parsed.messageId);
    expect(first).toMatch(/^<[0-9a-f]{32}@example\.com>$/);
    expect(second).toBe(first);
  });

  it('a 5xx reply fails the step for good, a 4xx one is retried', async () => {
    const attempt = (to: string) =>
      emailStep.run(emailStep.input.parse({ to, subject: 'x', text: 'x' }), context(account())).then(() => undefined, (error: unknown) => error);
    const refused = await attempt('gone@example.com');
    expect(refused).toBeInstanceOf(StepError);
    expect(refused).toMatchObject({ code: 'SMTP_550', retryable: false, options: { details: { responseCode: 550 } } });
    expect((refused as StepError).message).toContain('refused the message (RCPT TO): 550 Mailbox gone@example.com unavailable');
    expect(await attempt('later@example.com')).toMatchObject({ code: 'SMTP_421', retryable: true });
  });

  it('needs a connection, and says what is wrong with its settings', async () => {
    const input = emailStep.input.parse({ to: 'a@example.com', subject: 'x', text: 'x' });
    await expect(emailStep.run(input, context(undefined))).rejects.toMatchObject({ code: 'CONNECTION_REQUIRED' });
    await expect(emailStep.run(input, context({ ...account(), port: 'abc' }))).rejects.toMatchObject({ code: 'EMAIL_BAD_SETTINGS', retryable: false });
  });

  it('sends only where the run\'s egress policy allows', async () => {
    const input = emailStep.input.parse({ to: 'a@example.com', subject: 'x', text: 'x' });
    const sent = server.received.length;
    const guarded = createEgressClient({});
    try {
      await expect(emailStep.run(input, context(account(), [], guarded))).rejects.toMatchObject({ code: 'SMTP_BLOCKED', retryable: false });
    } finally {
      await guarded.close();
    }
    expect(server.received).toHaveLength(sent);
  });
});
