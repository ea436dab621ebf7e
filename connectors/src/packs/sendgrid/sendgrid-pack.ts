import type { FieldInput } from '../../manifest/field-schema.js';
import { definePack } from '../define-pack.js';
import { eventTypes, sampleEmailEvent } from './sendgrid-samples.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#9dd6e3" d="M2 8h7v7H2z"/><path fill="#3f72ab" d="M9 15h7v7H9z"/>' +
  '<path fill="#00a9d1" d="M9 8h7v7H9z"/><path fill="#1a82e2" d="M16 2h6v6h-6zM9 2h7v6H9z"/><path fill="#00b2e3" d="M2 15h7v7H2z"/></svg>';

const addressList = (key: string, label: string): FieldInput => ({
  key,
  label,
  type: 'json',
  description: `A list of addresses: [{ "email": "ada@example.com", "name": "Ada" }] (the name is optional).`,
});

/** Sender and recipient fields shared by both send actions (one personalization: everyone gets the same email). */
const envelopeFields: FieldInput[] = [
  { key: 'from', label: 'From address', type: 'email', required: true, description: 'A verified sender or an address on an authenticated domain in SendGrid.' },
  { key: 'from_name', label: 'From name' },
  { key: 'to', label: 'To address', type: 'email', required: true },
  { key: 'to_name', label: 'To name' },
  addressList('cc', 'Cc'),
  addressList('bcc', 'Bcc'),
  { key: 'reply_to', label: 'Reply-To', type: 'json', description: 'An address: { "email": "help@acme.com", "name": "Help desk" }.' },
];

const extraFields: FieldInput[] = [
  {
    key: 'attachments',
    label: 'Attachments',
    type: 'json',
    description: 'A list of files: [{ "content": "<base64>", "filename": "invoice.pdf", "type": "application/pdf" }] ("disposition" and "content_id" optional).',
  },
  { key: 'categories', label: 'Categories', placeholder: 'receipt, shop', description: 'Comma-separated, up to 10; they appear in stats and in events.' },
  { key: 'send_at', label: 'Send at (unix time)', type: 'integer', description: 'Seconds since 1970, up to 72 hours ahead. Empty sends now.' },
  { key: 'custom_args', label: 'Custom arguments', type: 'json', advanced: true, description: 'Values returned in every event of this email, e.g. { "order_id": "42" }.' },
];

const envelopeJson = {
  from: { email: '{{input.from}}', name: '{{input.from_name}}' },
  reply_to: '{{input.reply_to}}',
  attachments: '{{input.attachments}}',
  categories: "{{input.categories | replace: ', ', ',' | split: ','}}",
  send_at: '{{input.send_at}}',
  custom_args: '{{input.custom_args}}',
};

const recipientsJson = {
  to: [{ email: '{{input.to}}', name: '{{input.to_name}}' }],
  cc: '{{input.cc}}',
  bcc: '{{input.bcc}}',
};

// SendGrid answers a send with 202 and no body; the message id is only in a header.
const sentSample = {};

/**
 * Twilio SendGrid v3 (https://www.twilio.com/docs/sendgrid/api-reference): mail send, dynamic templates and
 * Marketing contacts with a Bearer API key; errors are `{ "errors": [{ "message", "field" }] }`. The Event
 * Webhook is verified with the signed-webhook public key (ECDSA, scheme `sendgrid`).
 */
export const sendgridPack = definePack({
  id: 'sendgrid',
  name: 'SendGrid',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Send email (plain or from dynamic templates), add contacts to Marketing lists, and react to delivery, open, click and bounce events.',
  homepage: 'https://sendgrid.com',
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
        placeholder: 'SG.…',
        description: 'Settings → API Keys → Create API Key, with Mail Send (and Marketing, for contacts).',
      },
      {
        key: 'webhook_verification_key',
        label: 'Event Webhook verification key',
        type: 'text',
        description:
          'Needed by the "Email event" trigger: Settings → Mail Settings → Event Webhook → Signed Event Webhook → Verification Key (a base64 public key).',
      },
      {
        key: 'base_url',
        label: 'API base URL',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://api.sendgrid.com',
        description: 'Leave as is (or https://api.eu.sendgrid.com for EU subusers); change only for a proxy or a test server.',
      },
    ],
    // Lists the key's permissions: answers for any valid key, 401 for a wrong one.
    test: { method: 'GET', path: '/v3/scopes' },
  },
  errors: {
    message: 'errors[0].message',
    code: 'errors[0].field',
    byStatus: {
      '401': 'SendGrid refused the API key (HTTP {{status}}); create a new one under Settings → API Keys.',
      '403': 'SendGrid refused the request: {{body.errors[0].message}} (the API key may lack this permission, or the sender is not verified).',
    },
  },
  actions: [
    {
      key: 'send-mail',
      name: 'Send email',
      description: 'Sends one email with a text or HTML body.',
      input: [
        ...envelopeFields,
        { key: 'subject', label: 'Subject', required: true },
        { key: 'body', label: 'Body', type: 'text', required: true },
        {
          key: 'content_type',
          label: 'Body is',
          type: 'select',
          default: 'text/html',
          choices: [
            { label: 'HTML (SendGrid adds a plain-text version)', value: 'text/html' },
            { label: 'Plain text', value: 'text/plain' },
          ],
        },
        ...extraFields,
      ],
      request: {
        method: 'POST',
        path: '/v3/mail/send',
        json: {
          ...envelopeJson,
          personalizations: [recipientsJson],
          subject: '{{input.subject}}',
          content: [{ type: '{{input.content_type}}', value: '{{input.body}}' }],
        },
      },
      sample: sentSample,
    },
    {
      key: 'send-template-mail',
      name: 'Send email from a dynamic template',
      description: 'Sends one email built from a dynamic template with your data (the template sets the subject and body).',
      input: [
        {
          key: 'template_id',
          label: 'Template',
          type: 'select',
          required: true,
          dynamicChoices: {
            request: { method: 'GET', path: '/v3/templates', query: { generations: 'dynamic', page_size: '200' } },
            items: 'result',
            label: '{{item.name}}',
            value: '{{item.id}}',
          },
          description: 'A dynamic template (its id starts with d-).',
        },
        {
          key: 'dynamic_template_data',
          label: 'Template data',
          type: 'json',
          description: 'The values the template\'s placeholders read, e.g. { "first_name": "Ada", "items": [ … ] }.',
        },
        ...envelopeFields,
        ...extraFields,
      ],
      request: {
        method: 'POST',
        path: '/v3/mail/send',
        json: {
          ...envelopeJson,
          personalizations: [{ ...recipientsJson, dynamic_template_data: '{{input.dynamic_template_data}}' }],
          template_id: '{{input.template_id}}',
        },
      },
      sample: sentSample,
    },
    {
      key: 'add-contact',
      name: 'Add or update contact',
      description: 'Adds a Marketing contact (or updates the one with this email) and puts it on a list. SendGrid applies it within minutes.',
      input: [
        {
          key: 'list_id',
          label: 'List',
          type: 'select',
          required: true,
          dynamicChoices: {
            request: { method: 'GET', path: '/v3/marketing/lists', query: { page_size: '1000' } },
            items: 'result',
            label: '{{item.name}}',
            value: '{{item.id}}',
          },
        },
        { key: 'email', label: 'Email', type: 'email', required: true },
        { key: 'first_name', label: 'First name' },
        { key: 'last_name', label: 'Last name' },
        { key: 'phone_number', label: 'Phone number' },
        { key: 'city', label: 'City' },
        { key: 'state_province_region', label: 'State, province or region' },
        { key: 'postal_code', label: 'Postal code' },
        { key: 'country', label: 'Country' },
        { key: 'custom_fields', label: 'Custom fields', type: 'json', description: 'By custom field id: { "e1_T": "gold" } (Marketing → Custom Fields).' },
      ],
      request: {
        method: 'PUT',
        path: '/v3/marketing/contacts',
        json: {
          list_ids: ['{{input.list_id}}'],
          contacts: [
            {
              email: '{{input.email}}',
              first_name: '{{input.first_name}}',
              last_name: '{{input.last_name}}',
              phone_number: '{{input.phone_number}}',
              city: '{{input.city}}',
              state_province_region: '{{input.state_province_region}}',
              postal_code: '{{input.postal_code}}',
              country: '{{input.country}}',
              custom_fields: '{{input.custom_fields}}',
            },
          ],
        },
      },
      sample: { job_id: '2387e363-4104-4225-8960-4a5758492351' },
    },
  ],
  triggers: [
    {
      kind: 'webhook',
      key: 'email-event',
      name: 'Email event',
      description:
        'In SendGrid → Settings → Mail Settings → Event Webhook, set this trigger\'s URL as the Post URL, pick the events, turn on Signed Event Webhook and copy its verification key into the connection.',
      input: [
        {
          key: 'event_types',
          label: 'Events',
          type: 'multiselect',
          required: true,
          default: eventTypes.map((type) => type.value),
          choices: eventTypes,
          description: 'Only these start a run.',
        },
      ],
      verification: { scheme: 'sendgrid', secret: '{{connection.webhook_verification_key}}' },
      // SendGrid posts a JSON array of events; each becomes one run, once (it retries for up to 24 hours).
      events: '',
      dedupe: '{{event.sg_event_id}}',
      filter: { value: '{{event.event}}', oneOf: '{{input.event_types}}' },
      sample: sampleEmailEvent,
    },
  ],
});
