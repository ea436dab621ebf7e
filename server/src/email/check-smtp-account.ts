import { EmailError } from './email-error.js';
import { smtpSettingsFromFields } from './smtp-settings.js';
import type { SmtpEgress } from './smtp-transport.js';
import { verifySmtp } from './verify-smtp.js';

export type AccountCheck = { ran: true; ok: true } | { ran: true; ok: false; message: string };

/** The check run when an SMTP account (pack `smtp`) is saved or tested: connect, TLS and log in, send nothing. */
export async function checkSmtpAccount(fields: Record<string, unknown>, egress: SmtpEgress): Promise<AccountCheck> {
  try {
    await verifySmtp(smtpSettingsFromFields(fields), egress);
    return { ran: true, ok: true };
  } catch (error) {
    if (!(error instanceof EmailError)) throw error;
    return { ran: true, ok: false, message: error.message };
  }
}
