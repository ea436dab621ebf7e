import type { MimeMessage } from '@switchyard/connectors';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { renderTemplate, type TemplateScope } from '../templates/index.js';
import { readFileValue } from './read-file-value.js';
import { textOf } from './render-request.js';

const addressKeys = ['from', 'to', 'cc', 'bcc', 'replyTo'] as const;
const textKeys = ['subject', 'text', 'html', 'inReplyTo', 'references'] as const;

/**
 * Renders a `mime` body: an RFC 5322 message built by nodemailer's MailComposer (the same encoder the
 * server's SMTP step uses), either as the body itself or base64url-encoded in a JSON body (`wrap`).
 */
export async function renderMimeBody(mime: MimeMessage, scope: TemplateScope): Promise<{ body: string | Uint8Array; contentType: string }> {
  const mail: Mail.Options = {};
  for (const key of addressKeys) {
    const value = mime[key] === undefined ? undefined : addressesOf(renderTemplate(mime[key], scope));
    if (value !== undefined) mail[key] = value;
  }
  for (const key of textKeys) {
    const value = mime[key] === undefined ? '' : textOf(renderTemplate(mime[key], scope));
    if (value !== '') mail[key] = value;
  }
  const headers = Object.entries(mime.headers ?? {}).map(([name, template]) => [name, textOf(renderTemplate(template, scope))] as const);
  if (headers.some(([, value]) => value !== '')) mail.headers = Object.fromEntries(headers.filter(([, value]) => value !== ''));
  const attachments = (mime.attachments ?? []).flatMap((spec, index) => attachmentsOf(spec, index, scope));
  if (attachments.length > 0) mail.attachments = attachments;

  const node = new MailComposer(mail).compile();
  // The API that takes the whole message reads Bcc from it (and removes it before delivery).
  node.keepBcc = true;
  const message = await node.build();
  if (!mime.wrap) return { body: new Uint8Array(message), contentType: 'message/rfc822' };
  const extra = renderTemplate(mime.wrap.json ?? {}, scope, { dropMissing: true });
  const json = { ...(extra !== null && typeof extra === 'object' ? extra : {}), [mime.wrap.field]: message.toString('base64url') };
  return { body: JSON.stringify(json), contentType: 'application/json' };
}

/** Text as written (`"Ada <ada@x>, bob@y"`) or a list of addresses; empty is no header. */
function addressesOf(value: unknown): string | string[] | undefined {
  if (Array.isArray(value)) {
    const list = value.map(textOf).filter((item) => item.trim() !== '');
    return list.length > 0 ? list : undefined;
  }
  const text = textOf(value).trim();
  return text === '' ? undefined : text;
}

function attachmentsOf(spec: NonNullable<MimeMessage['attachments']>[number], index: number, scope: TemplateScope): Mail.Attachment[] {
  const rendered = renderTemplate(spec.file, scope);
  const files = (Array.isArray(rendered) ? rendered : [rendered]).filter((file) => file !== null && file !== undefined && file !== '');
  const filename = spec.filename === undefined ? '' : textOf(renderTemplate(spec.filename, scope));
  return files.map((value, item) => {
    const file = readFileValue(value, `attachment ${index + 1}${files.length > 1 ? ` (item ${item + 1})` : ''}`);
    return {
      content: Buffer.from(file.content),
      filename: (files.length === 1 && filename) || file.filename || `attachment-${index + 1}${files.length > 1 ? `-${item + 1}` : ''}`,
      contentType: spec.contentType ?? file.contentType ?? 'application/octet-stream',
    };
  });
}
