import { definePack } from '../define-pack.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="5" width="20" height="14" rx="2" fill="#4a5d7e"/>' +
  '<path d="M3 7l9 6 9-6" stroke="#fff" stroke-width="2" fill="none" stroke-linejoin="round"/></svg>';

/**
 * SMTP accounts for the built-in `core/email` step. SMTP is not HTTP, so this pack has no actions or
 * triggers: it only holds the account (secrets sealed like any connection), which the step reads and which
 * is checked by logging in (no test request) when it is saved. `baseUrl` is required by the pack format
 * but never used.
 */
export const smtpPack = definePack({
  id: 'smtp',
  name: 'SMTP account',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'An outgoing mail server (your provider\'s SMTP, Gmail, Microsoft 365, Amazon SES, Postfix…) for the Send email step.',
  icon,
  baseUrl: 'https://{{connection.host}}',
  auth: {
    kind: 'custom',
    fields: [
      { key: 'host', label: 'SMTP server', required: true, placeholder: 'smtp.example.com', description: 'The outgoing (SMTP) server your mail provider names.' },
      {
        key: 'security',
        label: 'Security',
        type: 'select',
        required: true,
        default: 'starttls',
        choices: [
          { label: 'STARTTLS (usually port 587)', value: 'starttls' },
          { label: 'TLS from the start (usually port 465)', value: 'tls' },
          { label: 'None: unencrypted, only for a relay on this machine or network', value: 'none' },
        ],
        description:
          'STARTTLS and TLS encrypt the password and every message. "None" sends both in clear text: choose it only for a local relay you control. A relay on this machine or a private network must also be allowed by the owner (SWITCHYARD_EGRESS_ALLOW).',
      },
      { key: 'port', label: 'Port', type: 'integer', required: true, default: 587, description: '587 for STARTTLS, 465 for TLS, often 25 for a local relay.' },
      { key: 'username', label: 'Username', description: 'Usually your full email address; leave empty for a relay that needs no login.' },
      { key: 'password', label: 'Password', secret: true, description: 'For Gmail and Microsoft 365, an app password rather than your account password.' },
      {
        key: 'from_address',
        label: 'Default From address',
        placeholder: 'Switchyard <robot@example.com>',
        description: 'Used when a Send email step names no sender. Most servers only accept addresses of the account.',
      },
      {
        key: 'accept_untrusted_certificate',
        label: 'Accept an untrusted certificate',
        type: 'boolean',
        default: false,
        advanced: true,
        description: 'Only for your own server with a self-signed certificate: anyone between you and a server that is not yours could read the mail.',
      },
    ],
  },
});
