import { definePack } from '../define-pack.js';
import { googleAuth, googleErrors } from '../google-sheets/google-auth.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="4" width="20" height="16" rx="2" fill="#fff" stroke="#c5221f" stroke-width="1.5"/>' +
  '<path d="M3 6l9 7 9-7" stroke="#ea4335" stroke-width="2.2" fill="none" stroke-linejoin="round"/></svg>';

const labelsField = {
  key: 'label_ids',
  label: 'Labels',
  type: 'multiselect' as const,
  required: true,
  description: 'Your labels and the system ones (INBOX, STARRED, IMPORTANT, UNREAD, …).',
  dynamicChoices: { request: { method: 'GET' as const, path: '/gmail/v1/users/me/labels' }, items: 'labels', label: '{{item.name}}', value: '{{item.id}}' },
};

const messageIdField = {
  key: 'message_id',
  label: 'Message ID',
  required: true,
  description: 'e.g. {{trigger.id}} from the "New email" trigger, or the id a sent email returned.',
};

const modifiedSample = { id: '18f3a1c2b4d5e6f7', threadId: '18f3a1c2b4d5e6f7', labelIds: ['INBOX', 'Label_12', 'UNREAD'] };

/**
 * Gmail (Gmail API v1, developers.google.com/gmail/api/reference/rest): `users.messages.send` takes the
 * whole message as base64url RFC 822 in `raw` (the pack format's `mime` body builds it: text, HTML, cc,
 * bcc, reply-to, attachments, thread replies), `users.messages.modify` adds and removes labels. "New email"
 * lists `users.messages.list` with the user's search query `q` (Gmail's own search syntax) and fetches
 * each new message with `users.messages.get`; ids once seen never fire again, so restarts neither double
 * nor skip. (`users.history.list` cannot take a query, so it would need a second listing to apply `q`.)
 */
export const gmailPack = definePack({
  id: 'gmail',
  name: 'Gmail',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Send emails with attachments, label messages, and start recipes when an email matching a search arrives.',
  homepage: 'https://developers.google.com/gmail/api',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: googleAuth({
    // gmail.modify reads, labels and sends (it covers gmail.send); it never deletes for good.
    scopes: ['https://www.googleapis.com/auth/gmail.modify'],
    apiFields: [{ key: 'base_url', label: 'Gmail API base URL', default: 'https://gmail.googleapis.com' }],
    test: { path: '/gmail/v1/users/me/profile' },
  }),
  errors: googleErrors,
  actions: [
    {
      key: 'send-email',
      name: 'Send email',
      description: 'Sends an email from the connected account (as plain text, HTML, or both), with optional attachments.',
      input: [
        { key: 'to', label: 'To', required: true, description: 'One or more addresses, comma-separated: "Ada <ada@example.com>, bob@example.com", or a list.' },
        { key: 'subject', label: 'Subject', required: true },
        { key: 'body', label: 'Body (plain text)', type: 'text' },
        { key: 'html', label: 'Body (HTML)', type: 'text', description: 'Sent beside the plain text; mail apps show the HTML when they can.' },
        { key: 'cc', label: 'Cc' },
        { key: 'bcc', label: 'Bcc' },
        { key: 'reply_to', label: 'Reply-To', description: 'Where replies go, if not to the sender.' },
        { key: 'from', label: 'From', advanced: true, description: 'The account\'s address by default; a "Send mail as" alias set up in Gmail may be given, e.g. "Sales <sales@example.com>".' },
        { key: 'attachment', label: 'Attachment', type: 'file', description: 'A file from an earlier step: text, or { base64, filename, contentType }. A list sends several.' },
        { key: 'attachment_name', label: 'Attachment file name', advanced: true, placeholder: 'report.csv' },
        { key: 'thread_id', label: 'Reply in thread', advanced: true, description: 'A thread ID (e.g. {{trigger.threadId}}); the subject must match the thread\'s for Gmail to keep it there.' },
        { key: 'in_reply_to', label: 'In-Reply-To', advanced: true, description: 'The Message-ID header of the email answered, so mail apps thread the reply.' },
      ],
      request: {
        method: 'POST',
        path: '/gmail/v1/users/me/messages/send',
        mime: {
          from: '{{input.from}}',
          to: '{{input.to}}',
          cc: '{{input.cc}}',
          bcc: '{{input.bcc}}',
          replyTo: '{{input.reply_to}}',
          subject: '{{input.subject}}',
          text: '{{input.body}}',
          html: '{{input.html}}',
          inReplyTo: '{{input.in_reply_to}}',
          references: '{{input.in_reply_to}}',
          attachments: [{ file: '{{input.attachment}}', filename: '{{input.attachment_name}}' }],
          wrap: { field: 'raw', json: { threadId: '{{input.thread_id}}' } },
        },
      },
      sample: { id: '18f3a1c2b4d5e6f7', threadId: '18f3a1c2b4d5e6f7', labelIds: ['SENT'] },
    },
    {
      key: 'add-label',
      name: 'Add label to email',
      description: 'Adds labels to a message (to archive it, remove the INBOX label instead).',
      input: [messageIdField, labelsField],
      request: { method: 'POST', path: '/gmail/v1/users/me/messages/{{input.message_id}}/modify', json: { addLabelIds: '{{input.label_ids}}' } },
      sample: modifiedSample,
    },
    {
      key: 'remove-label',
      name: 'Remove label from email',
      description: 'Removes labels from a message: INBOX archives it, UNREAD marks it read.',
      input: [messageIdField, labelsField],
      request: { method: 'POST', path: '/gmail/v1/users/me/messages/{{input.message_id}}/modify', json: { removeLabelIds: '{{input.label_ids}}' } },
      sample: { ...modifiedSample, labelIds: ['Label_12'] },
    },
  ],
  triggers: [
    {
      kind: 'poll',
      key: 'new-email',
      name: 'New email',
      description:
        'Starts for each new email that matches a Gmail search (checked every 2 minutes). The first check only notes the emails already there.',
      input: [
        {
          key: 'query',
          label: 'Search',
          placeholder: 'from:billing@example.com has:attachment',
          default: 'in:inbox',
          description: 'Anything Gmail\'s search box takes: from:, to:, subject:, label:, has:attachment, is:unread, newer_than:2d, …',
        },
      ],
      request: { method: 'GET', path: '/gmail/v1/users/me/messages', query: { q: '{{input.query}}', maxResults: '100', includeSpamTrash: 'false' } },
      items: 'messages',
      id: 'id',
      pagination: { type: 'cursor', items: 'messages', cursor: 'nextPageToken', param: 'pageToken', maxPages: 3 },
      fetchEach: { request: { method: 'GET', path: '/gmail/v1/users/me/messages/{{item.id}}', query: { format: 'full' } } },
      intervalSeconds: 120,
      sample: {
        id: '18f3a1c2b4d5e6f7',
        threadId: '18f3a1c2b4d5e6f7',
        labelIds: ['INBOX', 'UNREAD'],
        snippet: 'Hi, the invoice for June is attached.',
        historyId: '4711',
        internalDate: '1717243200000',
        sizeEstimate: 10240,
        payload: {
          mimeType: 'multipart/mixed',
          headers: [
            { name: 'From', value: 'Billing <billing@example.com>' },
            { name: 'To', value: 'ada@example.com' },
            { name: 'Subject', value: 'Invoice for June' },
            { name: 'Date', value: 'Sat, 1 Jun 2024 12:00:00 +0000' },
          ],
          parts: [{ partId: '0', mimeType: 'text/plain', body: { size: 37, data: 'SGksIHRoZSBpbnZvaWNlIGZvciBKdW5lIGlzIGF0dGFjaGVkLg' } }],
        },
      },
    },
  ],
});
