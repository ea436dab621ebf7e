import { toEmailError } from './email-error.js';
import type { SmtpSettings } from './smtp-settings.js';
import { smtpTransport } from './smtp-transport.js';

/** Connects, upgrades to TLS as the settings say and logs in, sending nothing: the check run when an SMTP account is saved. */
export async function verifySmtp(settings: SmtpSettings): Promise<void> {
  const transport = smtpTransport(settings);
  try {
    await transport.verify();
  } catch (error) {
    throw toEmailError(error, settings.host);
  } finally {
    transport.close();
  }
}
