import { isIP } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EgressClient } from '../egress/egress-client.js';
import type { SmtpSettings } from './smtp-settings.js';

/** What SMTP needs of the egress guard (an `EgressClient` is one): the same address policy as HTTP calls. */
export type SmtpEgress = Pick<EgressClient, 'resolveHost'>;

/** Bounds on each phase, so a silent server fails the step instead of holding a worker. */
const limits = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * A single-connection nodemailer transport for the settings; the caller closes it. The host is resolved
 * and checked by the egress policy first (rejects with `EGRESS_BLOCKED`), and nodemailer is given that
 * address rather than the name, which it would resolve again (DNS rebinding could then swap it).
 */
export async function smtpTransport(settings: SmtpSettings, egress: SmtpEgress): Promise<Transporter<SMTPTransport.SentMessageInfo>> {
  const address = await egress.resolveHost(settings.host);
  return nodemailer.createTransport({
    host: address,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.username && { auth: { user: settings.username, pass: settings.password ?? '' } }),
    tls: {
      rejectUnauthorized: !settings.acceptUntrustedCertificate,
      // Certificates name hosts, not addresses: SNI and the certificate check use the account's host name.
      ...(isIP(settings.host) === 0 && { servername: settings.host }),
    },
    ...limits,
  });
}
