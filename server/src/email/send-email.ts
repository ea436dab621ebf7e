import { EmailError, toEmailError } from './email-error.js';
import type { SmtpSettings } from './smtp-settings.js';
import { smtpTransport, type SmtpEgress } from './smtp-transport.js';

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType?: string | undefined;
}

export interface EmailMessage {
  /** Defaults to the settings' `from`. */
  from?: string | undefined;
  to: string[];
  cc?: string[] | undefined;
  /** Given to the server as recipients only: never written into the message's headers. */
  bcc?: string[] | undefined;
  replyTo?: string[] | undefined;
  subject: string;
  text?: string | undefined;
  html?: string | undefined;
  attachments?: EmailAttachment[] | undefined;
  /** `<id@domain>`; the same one on every attempt lets receiving servers and clients drop a resent copy. */
  messageId?: string | undefined;
}

export interface SentEmail {
  messageId: string;
  /** Recipients the server took, and those it refused while others were taken. */
  accepted: string[];
  rejected: string[];
  /** The server's final reply, e.g. `250 2.0.0 Ok: queued as 4B1C2`. */
  response: string;
}

const addresses = (list: (string | { address: string })[]) => list.map((entry) => (typeof entry === 'string' ? entry : entry.address));

/**
 * Sends one message over SMTP (one connection, closed after). Failures are `EmailError`s: 4xx replies and
 * lost connections retryable, 5xx replies, untrusted certificates and hosts the egress policy refuses not.
 * Used by `core/email` and by anything else that mails owners (health alerts).
 */
export async function sendEmail(settings: SmtpSettings, message: EmailMessage, options: { egress: SmtpEgress; signal?: AbortSignal | undefined }): Promise<SentEmail> {
  const from = message.from ?? settings.from;
  if (!from) throw new EmailError('EMAIL_NO_SENDER', 'no sender: give a From address in the step, or a default one in the SMTP account', false);
  const { signal } = options;
  try {
    const transport = await smtpTransport(settings, options.egress);
    const abort = () => transport.close();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const info = await transport.sendMail({
        from,
        to: message.to,
        cc: message.cc,
        bcc: message.bcc,
        replyTo: message.replyTo,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments?.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
        messageId: message.messageId,
        // Values come from runs: never let one name a local file or a URL for nodemailer to fetch.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected), response: info.response };
    } finally {
      signal?.removeEventListener('abort', abort);
      transport.close();
    }
  } catch (error) {
    throw toEmailError(error, settings.host);
  }
}
