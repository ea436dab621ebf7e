import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import { EmailError } from './email-error.js';
import { sendEmail, type EmailMessage } from './send-email.js';
import { smtpSettingsSchema, type SmtpSettingsInput } from './smtp-settings.js';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server.js';
import { verifySmtp } from './verify-smtp.js';

const servers: SmtpTestServer[] = [];
// The test servers listen on 127.0.0.1, which the egress policy lets through only when allowed.
const egress = createEgressClient({ allow: ['127.0.0.1'] });
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => egress.close());

async function start(...args: Parameters<typeof startSmtpTestServer>): Promise<SmtpTestServer> {
  const server = await startSmtpTestServer(...args);
  servers.push(server);
  return server;
}

const settings = (server: SmtpTestServer, more: Partial<SmtpSettingsInput> = {}) =>
  smtpSettingsSchema.parse({ host: '127.0.0.1', port: server.port, security: 'none', from: 'Robot <robot@example.com>', ...more });

const message: EmailMessage = { to: ['ada@example.com'], subject: 'Hello', text: 'Plain words' };

async function failure(promise: Promise<unknown>): Promise<EmailError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(EmailError);
  return error as EmailError;
}

describe('sendEmail', () => {
  it('sends text, HTML, attachments, Reply-To and Cc; Bcc only in the envelope', async () => {
    const server = await start();
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const sent = await sendEmail(settings(server), {
      to: ['"Ada L." <ada@example.com>', 'bob@example.com'],
      cc: ['carol@example.com'],
      bcc: ['hidden@example.com'],
      replyTo: ['support@example.com'],
      subject: 'Invoice 42 — paid',
      text: 'Thanks for paying.',
      html: '<p>Thanks for <b>paying</b>.</p>',
      attachments: [
        { filename: 'invoice.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'notes.txt', content: Buffer.from('line one\nline two') },
      ],
    }, { egress });
    expect(sent.accepted.sort()).toEqual(['ada@example.com', 'bob@example.com', 'carol@example.com', 'hidden@example.com']);
    expect(sent.rejected).toEqual([]);
    expect(sent.response).toMatch(/^250 /);

    const [mail] = server.received;
    expect(mail!.mailFrom).toBe('robot@example.com');
    expect(mail!.rcptTo.sort()).toEqual(['ada@example.com', 'bob@example.com', 'carol@example.com', 'hidden@example.com']);
    expect(mail!.raw.toLowerCase()).not.toContain('hidden@example.com');
    expect(mail!.raw).not.toMatch(/^bcc:/im);
    const parsed = mail!.parsed;
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.from?.value).toEqual([{ name: 'Robot', address: 'robot@example.com' }]);
    expect(parsed.subject).toBe('Invoice 42 — paid');
    expect(parsed.text?.trim()).toBe('Thanks for paying.');
    expect(parsed.html).toBe('<p>Thanks for <b>paying</b>.</p>');
    expect(parsed.replyTo?.text).toBe('support@example.com');
    expect(parsed.cc && !Array.isArray(parsed.cc) ? parsed.cc.value.map((to) => to.address) : []).toEqual(['carol@example.com']);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([
      { name: 'Ada L.', address: 'ada@example.com' },
      { name: '', address: 'bob@example.com' },
    ]);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('base64')])).toEqual([
      ['invoice.pdf', 'application/pdf', pdf.toString('base64')],
      ['notes.txt', 'text/plain', Buffer.from('line one\nline two').toString('base64')],
    ]);
  });

  it.each(['PLAIN', 'LOGIN'])('logs in with AUTH %s over STARTTLS', async (method) => {
    const server = await start({ users: { robot: 's3cret' }, options: { authMethods: [method] } });
    await sendEmail(settings(server, { security: 'starttls', username: 'robot', password: 's3cret', acceptUntrustedCertificate: true }), message, { egress });
    expect(server.received.map((mail) => [mail.user, mail.secure])).toEqual([['robot', true]]);
    const refused = await failure(
      sendEmail(settings(server, { security: 'starttls', username: 'robot', password: 'wrong', acceptUntrustedCertificate: true }), message, { egress }),
    );
    expect(refused).toMatchObject({ code: 'SMTP_AUTH_FAILED', retryable: false, responseCode: 535 });
    expect(refused.message).toContain('refused the username or password');
    expect(refused.message).not.toContain('wrong');
  });

  it('refuses a self-signed certificate on STARTTLS and implicit TLS unless the account accepts it', async () => {
    const plain = await start();
    const untrusted = await failure(sendEmail(settings(plain, { security: 'starttls' }), message, { egress }));
    expect(untrusted).toMatchObject({ code: 'SMTP_UNTRUSTED_CERTIFICATE', retryable: false });
    expect(untrusted.message).toContain('Accept an untrusted certificate');
    await sendEmail(settings(plain, { security: 'starttls', acceptUntrustedCertificate: true }), message, { egress });

    const implicit = await start({ options: { secure: true } });
    expect(await failure(sendEmail(settings(implicit, { security: 'tls' }), message, { egress }))).toMatchObject({ code: 'SMTP_UNTRUSTED_CERTIFICATE' });
    await sendEmail(settings(implicit, { security: 'tls', acceptUntrustedCertificate: true }), message, { egress });
    expect([...plain.received, ...implicit.received].map((mail) => mail.secure)).toEqual([true, true]);
  });

  it('STARTTLS is required when chosen, and never attempted with security "none"', async () => {
    const noTls = await start({ options: { disabledCommands: ['AUTH', 'STARTTLS'] } });
    expect((await failure(sendEmail(settings(noTls, { security: 'starttls', acceptUntrustedCertificate: true }), message, { egress }))).retryable).toBe(false);
    const offersTls = await start();
    await sendEmail(settings(offersTls), message, { egress });
    expect(offersTls.received.map((mail) => mail.secure)).toEqual([false]);
  });

  it('a 5xx reply is a readable, final failure; a 4xx reply may be retried', async () => {
    const server = await start({ replies: { 'gone@example.com': 550, 'full@example.com': 452 } });
    const refused = await failure(sendEmail(settings(server), { ...message, to: ['gone@example.com'] }, { egress }));
    expect(refused).toMatchObject({ code: 'SMTP_550', retryable: false, responseCode: 550 });
    expect(refused.message).toBe('127.0.0.1 refused the message (RCPT TO): 550 Mailbox gone@example.com unavailable');
    const deferred = await failure(sendEmail(settings(server), { ...message, to: ['full@example.com'] }, { egress }));
    expect(deferred).toMatchObject({ code: 'SMTP_452', retryable: true, responseCode: 452 });
    expect(deferred.message).toContain('deferred the message');
    // One refused recipient among good ones: the message goes to the others and says who was refused.
    const partial = await sendEmail(settings(server), { ...message, to: ['ada@example.com', 'gone@example.com'] }, { egress });
    expect([partial.accepted, partial.rejected]).toEqual([['ada@example.com'], ['gone@example.com']]);
    expect(server.received).toHaveLength(1);
  });

  it('a closed port is a retryable connection failure; no sender is a final one', async () => {
    const server = await start();
    const port = server.port;
    await server.close();
    servers.length = 0;
    const down = await failure(sendEmail(smtpSettingsSchema.parse({ host: '127.0.0.1', port, security: 'none', from: 'a@example.com' }), message, { egress }));
    expect(down.retryable).toBe(true);
    const other = await start();
    expect(await failure(sendEmail(settings(other, { from: undefined }), message, { egress }))).toMatchObject({ code: 'EMAIL_NO_SENDER', retryable: false });
  });
});

describe('verifySmtp', () => {
  it('logs in without sending, and says why a login fails', async () => {
    const server = await start({ users: { robot: 's3cret' } });
    await verifySmtp(settings(server, { security: 'starttls', username: 'robot', password: 's3cret', acceptUntrustedCertificate: true }), egress);
    expect(server.received).toEqual([]);
    const refused = await failure(verifySmtp(settings(server, { security: 'starttls', username: 'robot', password: 'nope', acceptUntrustedCertificate: true }), egress));
    expect(refused.code).toBe('SMTP_AUTH_FAILED');
  });
});
