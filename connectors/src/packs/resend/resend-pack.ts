import type { FieldInput } from '../../manifest/field-schema.js';
import { definePack } from '../define-pack.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#000"/>' +
  '<path d="M8 6h5a3.5 3.5 0 0 1 0 7H8m4.5 0L17 18M8 6v12" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';

const recipients = (key: string, label: string, more: Partial<FieldInput> = {}): FieldInput => ({
  key,
  label,
  placeholder: 'ada@example.com, Bob <bob@example.com>',
  description: 'One address, or several separated by commas (at most 50).',
  ...more,
});

/** The fields of one email, as `POST /emails` and each item of `POST /emails/batch` take them. */
const emailFields: FieldInput[] = [
  { key: 'from', label: 'From', required: true, placeholder: 'Acme <orders@acme.com>', description: 'An address on a domain you verified in Resend (Domains).' },
  recipients('to', 'To', { required: true }),
  { key: 'subject', label: 'Subject', required: true },
  { key: 'html', label: 'HTML body', type: 'text', description: 'Give an HTML body, a text body, or both.' },
  { key: 'text', label: 'Text body', type: 'text', description: 'Plain text; Resend derives one from the HTML when left empty.' },
  recipients('cc', 'Cc'),
  recipients('bcc', 'Bcc'),
  recipients('reply_to', 'Reply-To'),
  {
    key: 'scheduled_at',
    label: 'Send at',
    placeholder: '2026-12-01T09:00:00Z or "in 1 hour"',
    description: 'Schedule the email: an ISO 8601 time or natural language such as "in 1 min" (up to 30 days ahead). Empty sends now.',
  },
  {
    key: 'attachments',
    label: 'Attachments',
    type: 'json',
    description:
      'A list of files (40 MB in all): [{ "filename": "invoice.pdf", "content": "<base64>" }] or [{ "filename": "logo.png", "path": "https://…" }]; "content_type" is optional.',
  },
  { key: 'tags', label: 'Tags', type: 'json', description: 'For filtering in Resend: [{ "name": "category", "value": "receipt" }] (letters, digits, _ and -).' },
  { key: 'headers', label: 'Custom headers', type: 'json', advanced: true, description: 'Extra email headers, e.g. { "X-Entity-Ref-ID": "123" }.' },
];

// Comma-separated addresses become the list Resend takes; an empty field is left out of the request.
const list = (key: string) => `{{input.${key} | replace: ', ', ',' | split: ','}}`;

const emailJson = {
  from: '{{input.from}}',
  to: list('to'),
  subject: '{{input.subject}}',
  html: '{{input.html}}',
  text: '{{input.text}}',
  cc: list('cc'),
  bcc: list('bcc'),
  reply_to: list('reply_to'),
  scheduled_at: '{{input.scheduled_at}}',
  attachments: '{{input.attachments}}',
  tags: '{{input.tags}}',
  headers: '{{input.headers}}',
};

/**
 * Resend (https://resend.com/docs/api-reference): transactional email over a JSON API with a Bearer API key.
 * Sends carry the step's idempotency key in `Idempotency-Key` (Resend keeps it 24 hours), so a retried step
 * sends once. Errors are `{ statusCode, message, name }`.
 */
export const resendPack = definePack({
  id: 'resend',
  name: 'Resend',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Send transactional email, one at a time or in batches of up to 100, through Resend.',
  homepage: 'https://resend.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'bearer',
    token: '{{connection.api_key}}',
    fields: [
      {
        key: 'api_key',
        label: 'API key',
        secret: true,
        required: true,
        placeholder: 're_…',
        description: 'Resend → API Keys → Create API key. "Sending access" is enough for these actions.',
      },
      {
        key: 'base_url',
        label: 'API base URL',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://api.resend.com',
        description: 'Leave as is; change only for a proxy or a test server.',
      },
    ],
    // No test request: every read endpoint needs a full-access key, and a sending-only key is the safer choice.
  },
  // Resend refuses requests without a User-Agent.
  headers: { 'User-Agent': 'switchyard' },
  // Resend's default limit is 2 requests a second per team.
  throttle: { requests: 2, perSeconds: 1 },
  errors: {
    message: 'message',
    code: 'name',
    byStatus: {
      '401': 'Resend refused the API key (HTTP {{status}}: {{body.message}}); create a new one under API Keys.',
      '403': 'Resend refused the request: {{body.message}} (a sending-only key cannot read, and the From domain must be verified).',
    },
  },
  actions: [
    {
      key: 'send-email',
      name: 'Send email',
      description: 'Sends one email (or schedules it). A retried step sends it once.',
      input: emailFields,
      request: { method: 'POST', path: '/emails', json: emailJson },
      idempotencyHeader: 'Idempotency-Key',
      sample: { id: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' },
    },
    {
      key: 'send-batch',
      name: 'Send batch of emails',
      description: 'Sends up to 100 different emails in one call (no attachments or scheduling in a batch).',
      input: [
        {
          key: 'emails',
          label: 'Emails',
          type: 'json',
          required: true,
          description:
            'A list of up to 100 emails as Resend takes them: [{ "from": "Acme <a@acme.com>", "to": ["ada@example.com"], "subject": "Hi", "html": "<p>…</p>" }].',
        },
        {
          key: 'validation',
          label: 'If some emails are invalid',
          type: 'select',
          default: 'strict',
          choices: [
            { label: 'Send none (strict)', value: 'strict' },
            { label: 'Send the valid ones (permissive)', value: 'permissive' },
          ],
        },
      ],
      request: { method: 'POST', path: '/emails/batch', headers: { 'x-batch-validation': '{{input.validation}}' }, json: '{{input.emails}}' },
      idempotencyHeader: 'Idempotency-Key',
      sample: { data: [{ id: 'ae2014de-c168-4c61-8267-70d2662a1ce1' }, { id: 'faccb7a5-8a28-4e9a-ac64-8da1cc3bc1cb' }] },
    },
    {
      key: 'cancel-email',
      name: 'Cancel scheduled email',
      description: 'Cancels an email sent with "Send at" before it goes out.',
      input: [{ key: 'email_id', label: 'Email ID', required: true, description: 'The id a Send email step returned.' }],
      request: { method: 'POST', path: '/emails/{{input.email_id}}/cancel' },
      sample: { object: 'email', id: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' },
    },
    {
      key: 'get-email',
      name: 'Get email',
      description: 'Reads a sent email and its last event (delivered, bounced, opened…). Needs a full-access key.',
      input: [{ key: 'email_id', label: 'Email ID', required: true, description: 'The id a Send email step returned.' }],
      request: { method: 'GET', path: '/emails/{{input.email_id}}' },
      sample: {
        object: 'email',
        id: '4ef9a417-02e9-4d39-ad75-9611e0fcc33c',
        to: ['ada@example.com'],
        from: 'Acme <orders@acme.com>',
        created_at: '2026-11-20 12:00:00.000000+00',
        subject: 'Your receipt',
        html: '<p>Thanks!</p>',
        text: null,
        bcc: null,
        cc: null,
        reply_to: null,
        last_event: 'delivered',
        scheduled_at: null,
      },
    },
  ],
});
