import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: MAIL FROM and every RCPT TO (Bcc included). */
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  secure: boolean;
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server (nodemailer's smtp-server) on 127.0.0.1 with its built-in self-signed certificate:
 * STARTTLS offered, login required (PLAIN or LOGIN, only after STARTTLS) for `user`/`password`, recipients
 * in `refuse` answered 550. Every accepted message is kept with its envelope, parsed by mailparser.
 */
export async function startSmtpFake(account: { user: string; password: string }, refuse: string[] = []) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === account.user && auth.password === account.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (!refuse.includes(address.address)) return callback();
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          const from = session.envelope.mailFrom;
          received.push({ mailFrom: from === false ? '' : from.address, rcptTo: session.envelope.rcptTo.map((to) => to.address), user: typeof session.user === 'string' ? session.user : undefined, secure: session.secure, raw, parsed });
          callback();
        }, callback);
      });
    },
  });
  // Clients that refuse the certificate hang up mid-handshake; that is what some tests check.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
