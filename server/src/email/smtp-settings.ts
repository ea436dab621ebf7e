import { z } from 'zod';
import { EmailError } from './email-error.js';

/**
 * How to reach an SMTP server: `tls` is implicit TLS from the first byte (usually port 465), `starttls`
 * upgrades a plain connection and refuses to go on without it (587), `none` never encrypts (only for a
 * relay on the same host or network: the password and every message cross the wire in clear).
 */
export const smtpSettingsSchema = z.object({
  host: z.string().trim().min(1, 'the SMTP host is required').max(253),
  port: z.coerce.number().int().min(1).max(65_535).default(587),
  security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  username: z.string().optional(),
  password: z.string().optional(),
  /** The sender used when a message names none, e.g. `Switchyard <robot@example.com>`. */
  from: z.string().optional(),
  /** Accept a certificate no trusted authority signed (a self-signed relay); off by default. */
  acceptUntrustedCertificate: z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]).default(false),
});

export type SmtpSettings = z.output<typeof smtpSettingsSchema>;
export type SmtpSettingsInput = z.input<typeof smtpSettingsSchema>;

/** Connection fields of the built-in `smtp` pack, as `{{connection.*}}` sees them, to settings. */
export function smtpSettingsFromFields(fields: Record<string, unknown>): SmtpSettings {
  const blank = (value: unknown) => (value === '' || value === null ? undefined : value);
  const parsed = smtpSettingsSchema.safeParse({
    host: fields['host'],
    port: blank(fields['port']),
    security: blank(fields['security']),
    username: blank(fields['username']),
    password: blank(fields['password']),
    from: blank(fields['from_address']),
    acceptUntrustedCertificate: blank(fields['accept_untrusted_certificate']),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new EmailError('EMAIL_BAD_SETTINGS', `the SMTP account's ${issue.path.join('.') || 'settings'}: ${issue.message}`, false);
}
