import { isIP } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SmtpSettings } from './smtp-settings.js';

/** Bounds on each phase, so a silent server fails the step instead of holding a worker. */
const limits = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** A single-connection nodemailer transport for the settings; the caller closes it. */
export function smtpTransport(settings: SmtpSettings): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.username && { auth: { user: settings.username, pass: settings.password ?? '' } }),
    tls: {
      rejectUnauthorized: !settings.acceptUntrustedCertificate,
      // Certificates name hosts, not addresses: SNI only for names.
      ...(isIP(settings.host) === 0 && { servername: settings.host }),
    },
    ...limits,
  });
}
