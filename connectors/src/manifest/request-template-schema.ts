import { z } from 'zod';
import { headerNameSchema, templateSchema } from './names.js';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** A multipart part: a text value, or a file (content as a template, usually `{{input.file}}`). */
export const multipartPartSchema = z.union([
  templateSchema,
  z.strictObject({ file: templateSchema, filename: templateSchema.optional(), contentType: z.string().max(200).optional() }),
]);

/** A file of a `mime` message: content as in multipart; a template that renders to a list adds one attachment per item. */
const mimeAttachmentSchema = z.strictObject({ file: templateSchema, filename: templateSchema.optional(), contentType: z.string().max(200).optional() });

/**
 * An e-mail message as the body (RFC 5322, built by nodemailer's MailComposer), for APIs that take a whole
 * message, such as Gmail's `users.messages.send`. Addresses are text (`"Ada <ada@example.com>, bob@example.com"`)
 * or lists; `text` and `html` together make a multipart/alternative message; attachments take text or
 * `{ base64, filename, contentType }` like multipart files, and parts that render empty are left out.
 * Bcc stays in the message: the API that takes it removes it when sending. Without `wrap` the body is the
 * message itself (`message/rfc822`); with it, a JSON body holds the message base64url-encoded in `field`
 * (Gmail's `raw`), with the entries of `json` beside it (rendered like a `json` body).
 */
export const mimeMessageSchema = z.strictObject({
  from: templateSchema.optional(),
  to: templateSchema.optional(),
  cc: templateSchema.optional(),
  bcc: templateSchema.optional(),
  replyTo: templateSchema.optional(),
  subject: templateSchema.optional(),
  text: templateSchema.optional(),
  html: templateSchema.optional(),
  /** Message-ID of the message answered; with `references`, keeps a reply in its thread. */
  inReplyTo: templateSchema.optional(),
  references: templateSchema.optional(),
  headers: z.record(headerNameSchema, templateSchema).optional(),
  attachments: z.array(mimeAttachmentSchema).max(50).optional(),
  wrap: z.strictObject({ field: z.string().min(1).max(200), json: z.record(z.string().min(1).max(200), z.unknown()).optional() }).optional(),
});
export type MimeMessage = z.output<typeof mimeMessageSchema>;

/**
 * A response that is a table, as spreadsheets answer: the list at `rows` holds rows as lists of cells and
 * its first row names the columns. Each later row becomes `{ <rowField>: its row number, <column name>: cell }`
 * (a column without a name is keyed by its letter, A, B, …, AA), numbered from `firstRow` (the number of
 * the header row). `where` keeps the rows whose cell in `column` equals `equals` (both rendered; compared as
 * trimmed text, case-insensitively), so a vendor without server-side search still gets one.
 */
export const tableResponseSchema = z.strictObject({
  rows: z.string().max(500).default('values'),
  firstRow: z.number().int().min(1).default(1),
  rowField: z.string().min(1).max(100).default('row_number'),
  where: z.strictObject({ column: templateSchema, equals: templateSchema }).optional(),
});
export type TableResponse = z.output<typeof tableResponseSchema>;

/**
 * An HTTP request described as data. `path` is appended to the pack's `baseUrl` (an absolute https URL is
 * allowed for vendors that use a second host: written out, or a whole `{{connection.x}}` at its start, a second
 * base URL the user sets like `baseUrl`). Every string may hold templates; a field that is one whole
 * `{{x}}` keeps its type inside `json`. At most one of `json`, `form`, `multipart`, `mime`; query and header entries
 * whose value renders empty are left out, so optional inputs need no conditionals.
 */
export const requestTemplateSchema = z
  .strictObject({
    method: z.enum(httpMethods).default('GET'),
    path: templateSchema,
    query: z.record(z.string().min(1).max(200), templateSchema).optional(),
    headers: z.record(headerNameSchema, templateSchema).optional(),
    json: z.unknown().optional(),
    form: z.record(z.string().min(1).max(200), templateSchema).optional(),
    multipart: z.record(z.string().min(1).max(200), multipartPartSchema).optional(),
    mime: mimeMessageSchema.optional(),
    /** The response is a table of rows (see `tableResponseSchema`); templates see what the request sees. */
    table: tableResponseSchema.optional(),
  })
  .refine((r) => [r.json, r.form, r.multipart, r.mime].filter((b) => b !== undefined).length <= 1, {
    message: 'must have at most one body: json, form, multipart or mime',
  })
  .meta({ id: 'RequestTemplate' });
export type RequestTemplate = z.output<typeof requestTemplateSchema>;
