import { definePack } from '../define-pack.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="3" width="20" height="16" rx="3" fill="#338574"/>' +
  '<path d="M6 8l4 3-4 3M12 15h6" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round"/></svg>';

const priorities = [
  { label: 'Min (1)', value: 1 },
  { label: 'Low (2)', value: 2 },
  { label: 'Default (3)', value: 3 },
  { label: 'High (4)', value: 4 },
  { label: 'Max / urgent (5)', value: 5 },
];

/**
 * ntfy (https://docs.ntfy.sh/publish/): push notifications to phones and desktops over HTTP. Messages are
 * published as JSON to the server's root URL, so priority and tags keep their types. The server is a
 * connection field, so self-hosted ntfy works the same as ntfy.sh.
 */
export const ntfyPack = definePack({
  id: 'ntfy',
  name: 'ntfy',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Send push notifications to your phone or desktop with ntfy.sh or a self-hosted ntfy server.',
  homepage: 'https://ntfy.sh',
  icon,
  baseUrl: '{{connection.server}}',
  auth: {
    kind: 'custom',
    fields: [
      {
        key: 'server',
        label: 'Server URL',
        type: 'url',
        required: true,
        default: 'https://ntfy.sh',
        description: 'https://ntfy.sh, or the address of your own ntfy server.',
      },
      {
        key: 'access_token',
        label: 'Access token',
        secret: true,
        placeholder: 'tk_…',
        description:
          'Needed for protected topics. Create one in the ntfy web app (Account → Access tokens) or with `ntfy token add`. Leave empty for public topics.',
      },
    ],
    // ntfy access tokens start with "tk_", so this adds the Bearer prefix only when a token is set; without one
    // the header renders empty and is left out, which public topics need.
    headers: { Authorization: "{{connection.access_token | replace: 'tk_', 'Bearer tk_'}}" },
    // Answers 401 for a wrong token, and the anonymous account for none.
    test: { method: 'GET', path: '/v1/account' },
  },
  // ntfy's error body: { "code": 40101, "http": 401, "error": "unauthorized", "link": "…" }.
  errors: { message: 'error', code: 'code' },
  actions: [
    {
      key: 'send-notification',
      name: 'Send notification',
      description: 'Publishes a message to a topic; everyone subscribed to the topic is notified.',
      input: [
        { key: 'topic', label: 'Topic', required: true, description: 'Anyone who knows a public topic can read it; pick something hard to guess.' },
        { key: 'message', label: 'Message', type: 'text', required: true },
        { key: 'title', label: 'Title' },
        { key: 'priority', label: 'Priority', type: 'select', choices: priorities },
        { key: 'tags', label: 'Tags', description: 'Comma-separated; names of emojis such as warning or tada are shown as emojis.' },
        { key: 'click', label: 'Open on click', type: 'url', description: 'A URL opened when the notification is tapped.' },
        { key: 'icon', label: 'Icon', type: 'url', description: 'URL of a JPEG or PNG shown with the notification.' },
        { key: 'attach', label: 'Attachment URL', type: 'url' },
        { key: 'markdown', label: 'Message is Markdown', type: 'boolean' },
        { key: 'delay', label: 'Deliver later', placeholder: '30min, 9am, tomorrow 10am', description: 'A duration, time or Unix timestamp.' },
        { key: 'email', label: 'Also e-mail to', type: 'email' },
      ],
      request: {
        method: 'POST',
        path: '/',
        json: {
          topic: '{{input.topic}}',
          message: '{{input.message}}',
          title: '{{input.title}}',
          priority: '{{input.priority}}',
          tags: "{{input.tags | replace: ' ', '' | split: ','}}",
          click: '{{input.click}}',
          icon: '{{input.icon}}',
          attach: '{{input.attach}}',
          markdown: '{{input.markdown}}',
          delay: '{{input.delay}}',
          email: '{{input.email}}',
        },
      },
      sample: {
        id: 'sPs71M8A2T',
        time: 1717243200,
        expires: 1717286400,
        event: 'message',
        topic: 'backups',
        title: 'Backup finished',
        message: 'Backup of /srv took 4 minutes',
        priority: 3,
        tags: ['white_check_mark'],
      },
    },
  ],
});
