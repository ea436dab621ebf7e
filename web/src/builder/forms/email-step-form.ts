import { hasPill } from '../pills/template-segments';
import type { FormField } from './form-field';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `ada@example.com` or `Ada Lovelace <ada@example.com>`; the server parses them exactly when the step runs. */
const addressPattern = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+\s*>|[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+)$/;

/** Commas separate addresses except inside a quoted display name (`"Doe, Jane" <jane@example.com>`). */
const splitAddresses = (text: string) => text.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((part) => part.trim()).filter(Boolean);

/** The first address in a recipients value that is not one; parts holding pills are only known at run time. */
export function addressesProblem(label: string, value: unknown): string | undefined {
  const texts = Array.isArray(value) ? value : [value];
  for (const text of texts) {
    if (typeof text !== 'string') return `${label}: give addresses as text`;
    const bad = splitAddresses(text).find((part) => !hasPill(part) && !addressPattern.test(part));
    if (bad !== undefined) return `${label}: "${bad}" is not an email address`;
  }
  return undefined;
}

/** An attachment in the step's input: a file value from an earlier step (a pill), or text saved as a file. */
export type AttachmentItem = string | { filename?: string; content?: string; contentType?: string; base64?: string };

/** The first problem in the attachments list, named by its position (Attachment 2: …). */
export function attachmentsProblem(value: unknown): string | undefined {
  if (value === undefined || (typeof value === 'string' && hasPill(value))) return undefined;
  if (!Array.isArray(value)) return 'Attachments must be a list';
  for (const [index, item] of value.entries()) {
    const name = `Attachment ${index + 1}`;
    if (typeof item === 'string') {
      if (!hasPill(item)) return `${name}: insert a file from an earlier step`;
    } else if (!isObject(item)) {
      return `${name}: a file from an earlier step, or a name and text`;
    } else if (typeof item['base64'] !== 'string') {
      if (typeof item['filename'] !== 'string' || item['filename'].trim() === '') return `${name}: give the file a name`;
      if (typeof item['content'] !== 'string') return `${name}: give the file's text`;
    }
  }
  return undefined;
}

const blank = (value: unknown) => value === undefined || value === null || value === '';

const recipients = (key: string, label: string, required: boolean, description: string): FormField => ({
  key,
  label,
  kind: 'text',
  required,
  description,
  placeholder: 'ada@example.com, Grace Hopper <grace@example.com>',
  check: (value) => (blank(value) ? undefined : addressesProblem(label, value)),
});

/** The builder's form for `core/email` (the input schema is server/src/steps/email-step.ts). */
export const emailStepFields: FormField[] = [
  recipients('to', 'To', true, 'Separate several addresses with commas; insert addresses from earlier steps as pills.'),
  recipients('cc', 'Cc', false, 'Copies, visible to every recipient.'),
  recipients('bcc', 'Bcc', false, 'Hidden copies: sent to these addresses without naming them in the message.'),
  { key: 'subject', label: 'Subject', kind: 'text', required: true },
  {
    key: 'text',
    label: 'Text body',
    kind: 'textarea',
    required: false,
    description: 'Shown by mail apps that do not display HTML. Give a text body, an HTML body, or both.',
    check: (value, input) => (blank(value) && blank(input?.['html']) ? 'Give a text body or an HTML body' : undefined),
  },
  { key: 'html', label: 'HTML body', kind: 'textarea', required: false, description: 'The formatted message, e.g. <p>Thanks for your order</p>.' },
  {
    key: 'attachments',
    label: 'Attachments',
    kind: 'attachments',
    required: false,
    description: 'Files from earlier steps (e.g. a download), or text saved as a file. At most 25 MB in all.',
    check: attachmentsProblem,
  },
  { ...recipients('replyTo', 'Reply-To', false, 'Where replies go, if not to the sender.'), advanced: true },
  {
    key: 'from',
    label: 'From',
    kind: 'text',
    required: false,
    description: 'The sender; the SMTP account’s default From when empty. Mail servers may refuse addresses they do not own.',
    placeholder: 'Shop <orders@example.com>',
    check: (value) => (blank(value) ? undefined : addressesProblem('From', value)),
    advanced: true,
  },
];
