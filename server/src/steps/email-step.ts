import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EmailError } from '../email/email-error.js';
import { parseAddresses } from '../email/parse-addresses.js';
import { sendEmail, type EmailAttachment } from '../email/send-email.js';
import { smtpSettingsFromFields } from '../email/smtp-settings.js';
import { defineStep } from './define-step.js';
import { StepError } from './step-error.js';

/** What most providers take in one message; larger ones are refused here with a clear message instead. */
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Templates render an unused optional field as "" or null: that means "not given". */
const absentWhenEmpty = (value: unknown) => (value === '' || value === null ? undefined : value);

/** One or more recipients: a string (comma-separated allowed) or a list of them. */
const recipients = z
  .union([z.string(), z.array(z.string()).max(1000)])
  .transform((value, ctx) => {
    const parsed = parseAddresses(typeof value === 'string' ? [value] : value);
    if (parsed.ok) return parsed.addresses;
    ctx.addIssue({ code: 'custom', path: typeof value === 'string' ? [] : [parsed.index], message: parsed.message });
    return z.NEVER;
  });

const optionalRecipients = z.preprocess(absentWhenEmpty, recipients.optional());

/** A run's file value (`{ base64, filename, contentType }`, e.g. from a trigger or an HTTP step), or text content. */
const attachmentSchema = z.union([
  z.strictObject({ base64: z.base64('must be base64'), filename: z.string().min(1).max(255).optional(), contentType: z.string().max(200).optional() }),
  z.strictObject({ content: z.string(), filename: z.string().min(1).max(255), contentType: z.string().max(200).optional() }),
]);

const emailInputSchema = z
  .strictObject({
    from: z.preprocess(absentWhenEmpty, z.string().max(500).optional()),
    to: recipients,
    cc: optionalRecipients,
    bcc: optionalRecipients,
    replyTo: optionalRecipients,
    subject: z.string().max(998),
    text: z.preprocess(absentWhenEmpty, z.string().optional()),
    html: z.preprocess(absentWhenEmpty, z.string().optional()),
    attachments: z.preprocess(absentWhenEmpty, z.array(attachmentSchema).max(50).default([])),
  })
  .refine((input) => input.to.length > 0, { path: ['to'], message: 'give at least one recipient' })
  .refine((input) => input.text !== undefined || input.html !== undefined, { path: ['text'], message: 'give a text or an HTML body (or both)' });

function toAttachments(items: z.output<typeof attachmentSchema>[]): EmailAttachment[] {
  const attachments = items.map((item, index): EmailAttachment => {
    const content = 'base64' in item ? Buffer.from(item.base64, 'base64') : Buffer.from(item.content, 'utf8');
    return { filename: item.filename ?? `attachment-${index + 1}`, content, contentType: item.contentType };
  });
  const bytes = attachments.reduce((sum, attachment) => sum + attachment.content.length, 0);
  if (bytes > MAX_ATTACHMENT_BYTES) {
    throw new StepError('EMAIL_TOO_LARGE', `the attachments add up to ${(bytes / 1048576).toFixed(1)} MB; mail servers take at most about 25 MB`);
  }
  return attachments;
}

/**
 * A Message-ID derived from the step's idempotency key, so a retry after a lost reply resends the same
 * message rather than a new one (SMTP has no idempotency key; mail systems dedupe on Message-ID).
 */
function stableMessageId(idempotencyKey: string, from: string | undefined): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from ?? '')?.[1] ?? 'switchyard.invalid';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

export const emailStep = defineStep({
  key: 'core/email',
  title: 'Send email',
  description: 'Send an email through an SMTP account: text and HTML, attachments, Cc, Bcc and Reply-To.',
  sideEffect: true,
  connectionPack: { id: 'smtp', name: 'mail server (SMTP) account' },
  input: emailInputSchema,
  async run(input, ctx) {
    if (!ctx.connectionId) throw new StepError('CONNECTION_REQUIRED', 'this step needs an SMTP account: choose one as the step\'s connection');
    if (!ctx.connectionFields) throw new StepError('CONNECTION_UNAVAILABLE', 'connections cannot be read where this step runs');
    const fields = await ctx.connectionFields('smtp');
    try {
      const settings = smtpSettingsFromFields(fields);
      const { from, to, cc, bcc, replyTo, subject, text, html } = input;
      const messageId = stableMessageId(ctx.idempotencyKey, from ?? settings.from);
      const sent = await sendEmail(settings, { from, to, cc, bcc, replyTo, subject, text, html, attachments: toAttachments(input.attachments), messageId }, { egress: ctx.egress, signal: ctx.signal });
      return { kind: 'done', output: sent };
    } catch (error) {
      if (!(error instanceof EmailError)) throw error;
      throw new StepError(error.code, error.message, { retryable: error.retryable, ...(error.responseCode !== undefined && { details: { responseCode: error.responseCode } }) });
    }
  },
});
