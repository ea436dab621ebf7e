import tls from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEgressClient, type EgressClientOptions } from '../egress/create-egress-client.js';
import type { EgressClient } from '../egress/egress-client.js';
import { scriptedLookup } from '../egress/scripted-lookup.js';
import { checkSmtpAccount } from './check-smtp-account.js';
import { EmailError } from './email-error.js';
import { sendEmail, type EmailMessage } from './send-email.js';
import { selfSignedCertificate } from './self-signed-certificate.js';
import { smtpSettingsSchema, type SmtpSettingsInput } from './smtp-settings.js';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((resource) => resource.close()));
});

async function server(...args: Parameters<typeof startSmtpTestServer>): Promise<SmtpTestServer> {
  const started = await startSmtpTestServer(...args);
  open.push(started);
  return started;
}

function egress(options: EgressClientOptions): EgressClient {
  const client = createEgressClient(options);
  open.push(client);
  return client;
}

const message: EmailMessage = { to: ['ada@example.com'], subject: 'Hello', text: 'Plain words' };
const settings = (more: SmtpSettingsInput) => smtpSettingsSchema.parse({ security: 'none', from: 'robot@example.com', ...more });

async function failure(promise: Promise<unknown>): Promise<EmailError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(EmailError);
  return error as EmailError;
}

describe('SMTP through the egress policy', () => {
  it('refuses a blocked host before connecting: a final error that says how an owner allows it', async () => {
    const local = await server();
    const guarded = egress({});
    const refused = await failure(sendEmail(settings({ host: '127.0.0.1', port: local.port }), message, { egress: guarded }));
    expect(refused).toMatchObject({ code: 'SMTP_BLOCKED', retryable: false });
    expect(refused.message).toBe('blocked by egress policy: 127.0.0.1 (loopback) for host 127.0.0.1; an owner can allow it with SWITCHYARD_EGRESS_ALLOW');
    // Saving an account runs the same check.
    const check = await checkSmtpAccount({ host: '127.0.0.1', port: local.port, security: 'none' }, guarded);
    expect(check).toEqual({ ran: true, ok: false, message: refused.message });
    expect(local.connectedFrom).toEqual([]);

    for (const host of ['169.254.169.254', '10.0.0.5', '::1']) {
      expect(await failure(sendEmail(settings({ host, port: 25 }), message, { egress: guarded }))).toMatchObject({ code: 'SMTP_BLOCKED', retryable: false });
    }
    // A name is refused when any of its records is blocked.
    const mixed = egress({ lookup: scriptedLookup([['93.184.215.14', '10.1.2.3']]).lookup });
    const named = await failure(sendEmail(settings({ host: 'mail.example.com', port: 587 }), message, { egress: mixed }));
    expect(named.message).toContain('blocked by egress policy: 10.1.2.3 (private) for host mail.example.com');
  });

  it('reaches 127.0.0.1 when the allow-list names it, connecting to the checked address on every send', async () => {
    const local = await server();
    await sendEmail(settings({ host: '127.0.0.1', port: local.port }), message, { egress: egress({ allow: ['127.0.0.1'] }) });
    // Rebinding: the name answers 127.0.0.1 (allowed), then 10.9.9.9. Only one lookup per send: nodemailer
    // connects to the checked address and never resolves the name again.
    const rebinding = scriptedLookup([['127.0.0.1'], ['10.9.9.9']]);
    const allowed = egress({ allow: ['127.0.0.1'], lookup: rebinding.lookup });
    await sendEmail(settings({ host: 'mail.internal', port: local.port }), message, { egress: allowed });
    expect(rebinding.calls).toEqual(['mail.internal']);
    expect(await failure(sendEmail(settings({ host: 'mail.internal', port: local.port }), message, { egress: allowed }))).toMatchObject({ code: 'SMTP_BLOCKED' });
    // A host name on the allow-list lets its addresses through.
    const byName = egress({ allow: ['mail.internal'], lookup: scriptedLookup([['127.0.0.1']]).lookup });
    await sendEmail(settings({ host: 'mail.internal', port: local.port }), message, { egress: byName });
    expect(local.received).toHaveLength(3);
    expect(local.connectedFrom).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });

  it('a name that does not resolve is a retryable failure', async () => {
    const unresolved = egress({ lookup: scriptedLookup([[]]).lookup });
    const failed = await failure(sendEmail(settings({ host: 'gone.example.com', port: 587 }), message, { egress: unresolved }));
    expect(failed).toMatchObject({ code: 'SMTP_DNS', retryable: true });
    expect(failed.message).toBe('sending through gone.example.com failed: no addresses found for host gone.example.com');
  });

  it('pinned to the address, STARTTLS still checks the certificate against the account\'s host name', async () => {
    const certificate = selfSignedCertificate('mail.test');
    const local = await server({ options: { key: certificate.key, cert: certificate.cert } });
    // Trust exactly this certificate, as if a public authority had signed it, and see what the client asks for.
    const connect = tls.connect;
    const asked: tls.ConnectionOptions[] = [];
    vi.spyOn(tls, 'connect').mockImplementation(((options: tls.ConnectionOptions, secured?: () => void) => {
      asked.push(options);
      return connect({ ...options, ca: certificate.cert }, secured);
    }) as typeof tls.connect);
    const anyName = egress({ allow: ['127.0.0.1'], lookup: scriptedLookup([['127.0.0.1']]).lookup });
    const starttls = (host: string) => settings({ host, port: local.port, security: 'starttls' });

    await sendEmail(starttls('mail.test'), message, { egress: anyName });
    expect(asked.map(({ host, servername }) => ({ host, servername }))).toEqual([{ host: '127.0.0.1', servername: 'mail.test' }]);
    expect(local.received.map((mail) => mail.secure)).toEqual([true]);

    const mismatch = await failure(sendEmail(starttls('other.test'), message, { egress: anyName }));
    expect(mismatch).toMatchObject({ code: 'SMTP_UNTRUSTED_CERTIFICATE', retryable: false });
    expect(mismatch.message).toContain("Host: other.test. is not in the cert's altnames: DNS:mail.test");
    expect(local.received).toHaveLength(1);
  });
});
