import { toEmailError } from './email-error.js';
import type { SmtpSettings } from './smtp-settings.js';
import { smtpTransport, type SmtpEgress } from './smtp-transport.js';

/** Connects, upgrades to TLS as the settings say and logs in, sending nothing: the check run when an SMTP account is saved. */
export async function verifySmtp(settings: SmtpSettings, egress: SmtpEgress): Promise<void> {
  try {
    const transport = await smtpTransport(settings, egress);
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
  } catch (error) {
    throw toEmailError(error, settings.host);
  }
}
