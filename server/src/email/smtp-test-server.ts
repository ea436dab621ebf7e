import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedEmail {
  mailFrom: string;
  /** The envelope recipients (RCPT TO), Bcc included. */
  rcptTo: string[];
  /** The user that logged in (AUTH), if any. */
  user: string | undefined;
  secure: boolean;
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpTestServer {
  port: number;
  received: ReceivedEmail[];
  /** The client address of every connection, so a test can tell that none was made. */
  connectedFrom: string[];
  close(): Promise<void>;
}

/** Replies the server gives to RCPT TO for matching recipients, e.g. `{ 'full@example.com': 452 }`. */
export type RecipientReplies = Record<string, number>;

/**
 * A real SMTP server (nodemailer's `smtp-server`) on 127.0.0.1 for tests. It takes `users` (name →
 * password) when given, refuses recipients listed in `replies` with that code, and records every message
 * with its envelope; `options` passes through (`secure`, `authMethods`, `hideSTARTTLS`, certificates…).
 */
export async function startSmtpTestServer(
  setup: { users?: Record<string, string>; replies?: RecipientReplies; options?: SMTPServerOptions } = {},
): Promise<SmtpTestServer> {
  const received: ReceivedEmail[] = [];
  const connectedFrom: string[] = [];
  const server = new SMTPServer({
    authOptional: setup.users === undefined,
    ...(setup.users === undefined && { disabledCommands: ['AUTH'] }),
    logger: false,
    ...setup.options,
    onConnect(session, callback) {
      connectedFrom.push(session.remoteAddress);
      callback();
    },
    onAuth(auth, _session, callback) {
      const password = setup.users?.[auth.username ?? ''];
      if (password === undefined || password !== auth.password) return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const code = setup.replies?.[address.address];
      if (code === undefined) return callback();
      callback(Object.assign(new Error(code >= 500 ? `Mailbox ${address.address} unavailable` : `Mailbox ${address.address} busy, try later`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          received.push({
            mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            rcptTo: session.envelope.rcptTo.map((to) => to.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            secure: session.secure,
            raw,
            parsed,
          });
          callback();
        }, callback);
      });
    },
  });
  // A client that refuses the certificate drops the connection mid-handshake: expected here, not a crash.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, connectedFrom, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
