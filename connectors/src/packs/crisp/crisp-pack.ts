import { definePack } from '../define-pack.js';
import { hookEventSample, messageSentSample, profileUpdatedSample, stateChangedSample } from './crisp-samples.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="6" fill="#1972f5"/>' +
  '<path d="M6 7.5h12v7.5h-6.5L8 18v-3H6z" fill="#fff"/></svg>';

// Every REST route of these actions lives under the connection's website.
const website = '/website/{{connection.website_id}}';

const sessionId = {
  key: 'session_id',
  label: 'Conversation (session ID)',
  required: true,
  placeholder: 'session_36ba3566-9651-4790-afc8-ffedbccc317f',
  description: 'The conversation’s session_id, e.g. data.session_id of a Crisp trigger.',
};

// The Web Hooks events people automate most (docs.crisp.chat/references/web-hooks/v1/).
const eventChoices = [
  ['Message sent by a visitor', 'message:send'],
  ['Message received from an operator', 'message:received'],
  ['Conversation state changed', 'session:set_state'],
  ['Conversation email set', 'session:set_email'],
  ['Conversation segments set', 'session:set_segments'],
  ['Conversation removed', 'session:removed'],
  ['Contact created', 'people:profile:created'],
  ['Contact updated', 'people:profile:updated'],
  ['Contact removed', 'people:profile:removed'],
].map(([label, value]) => ({ label: label!, value: value! }));

/**
 * Crisp (https://docs.crisp.chat/references/rest-api/v1/): answer conversations, keep contacts up to date and
 * resolve conversations, and start recipes from Crisp's signed Web Hooks. Connects with a plugin token
 * (identifier and key as HTTP Basic, tier `plugin`) from the Crisp Marketplace.
 */
export const crispPack = definePack({
  id: 'crisp',
  name: 'Crisp',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Send messages and notes in Crisp conversations, update contacts, change conversation states, and react to chat events.',
  homepage: 'https://crisp.chat',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'basic',
    username: '{{connection.identifier}}',
    password: '{{connection.key}}',
    fields: [
      {
        key: 'identifier',
        label: 'Token identifier',
        required: true,
        description: 'Crisp Marketplace → your plugin → Tokens: the production token’s identifier.',
      },
      { key: 'key', label: 'Token key', required: true, secret: true, description: 'The same token’s key, shown beside its identifier.' },
      {
        key: 'website_id',
        label: 'Website ID',
        required: true,
        placeholder: '42286ab3-b29a-4fde-8538-da0ae501d825',
        description: 'Crisp → Settings → Website Settings → Setup instructions: the website ID. The plugin must be installed on this website.',
      },
      {
        key: 'signing_secret',
        label: 'Web Hooks signing secret',
        secret: true,
        description: 'Only for the trigger: Crisp Marketplace → your plugin → Settings → Events: the signing secret of the Web Hooks.',
      },
      {
        key: 'base_url',
        label: 'REST API base URL',
        type: 'url',
        required: true,
        default: 'https://api.crisp.chat/v1',
        advanced: true,
        description: 'Change only for a proxy or a test server.',
      },
    ],
    // Answers 401/403 for a bad token or a website the plugin is not installed on.
    test: { method: 'GET', path: website },
  },
  // A plugin token is only accepted on the plugin tier.
  headers: { 'X-Crisp-Tier': 'plugin' },
  // Crisp's errors: { "error": true, "reason": "invalid_session", "data": { "message": "…" } }.
  errors: {
    message: 'reason',
    code: 'reason',
    byStatus: {
      '401': 'Crisp refused the plugin token ({{body.reason}}); check its identifier and key.',
      '403': 'The plugin token may not do this on this website ({{body.reason}}); install the plugin there and grant it the needed scopes.',
      '404': 'Crisp found no such conversation or contact ({{body.reason}}).',
      '400': 'Crisp refused the values sent ({{body.reason}}: {{body.data.message}}).',
    },
    byCode: {
      session_not_found: 'Crisp found no conversation with this session ID.',
      people_not_found: 'Crisp found no contact with this ID or email.',
    },
  },
  actions: [
    {
      key: 'send-message',
      name: 'Send message',
      description: 'Sends a text message to the visitor, or a private note only operators see, as an operator.',
      input: [
        sessionId,
        { key: 'content', label: 'Message', type: 'text', required: true, description: 'Plain text; Crisp renders Markdown-like formatting.' },
        {
          key: 'type',
          label: 'Kind',
          type: 'select',
          default: 'text',
          choices: [
            { label: 'Message to the visitor', value: 'text' },
            { label: 'Private note', value: 'note' },
          ],
          description: 'A note is visible to operators only.',
        },
        { key: 'nickname', label: 'Sender name', description: 'Shown as the operator’s name; empty uses the plugin’s.' },
      ],
      request: {
        method: 'POST',
        path: `${website}/conversation/{{input.session_id}}/message`,
        json: { type: '{{input.type}}', from: 'operator', origin: 'chat', content: '{{input.content}}', user: { nickname: '{{input.nickname}}' } },
      },
      sample: messageSentSample,
    },
    {
      key: 'update-contact',
      name: 'Update contact',
      description: 'Changes a contact’s profile (people profile); fields left empty are kept.',
      input: [
        { key: 'people_id', label: 'Contact (people ID or email)', required: true, description: 'The people_id, or the contact’s email address.' },
        { key: 'email', label: 'Email', type: 'email' },
        { key: 'nickname', label: 'Name' },
        { key: 'phone', label: 'Phone' },
        { key: 'segments', label: 'Segments', type: 'json', description: 'A list of segment names, e.g. ["vip", "trial"]; replaces the current ones.' },
        { key: 'notepad', label: 'Notepad', type: 'text', description: 'The contact’s private notes.' },
      ],
      request: {
        method: 'PATCH',
        path: `${website}/people/profile/{{input.people_id}}`,
        json: { email: '{{input.email}}', person: { nickname: '{{input.nickname}}', phone: '{{input.phone}}' }, segments: '{{input.segments}}', notepad: '{{input.notepad}}' },
      },
      sample: profileUpdatedSample,
    },
    {
      key: 'set-conversation-state',
      name: 'Set conversation state',
      description: 'Marks a conversation pending, unresolved or resolved.',
      input: [
        sessionId,
        {
          key: 'state',
          label: 'State',
          type: 'select',
          required: true,
          choices: [
            { label: 'Pending', value: 'pending' },
            { label: 'Unresolved', value: 'unresolved' },
            { label: 'Resolved', value: 'resolved' },
          ],
        },
      ],
      request: { method: 'PATCH', path: `${website}/conversation/{{input.session_id}}/state`, json: { state: '{{input.state}}' } },
      sample: stateChangedSample,
    },
  ],
  triggers: [
    {
      kind: 'webhook',
      key: 'chat-event',
      name: 'Chat event',
      description:
        'A visitor message, a state change, a contact created… In Crisp Marketplace → your plugin → Settings → Events, add this trigger’s URL as a Web Hooks target, tick the events, and copy the signing secret into the connection.',
      input: [{ key: 'events', label: 'Events', type: 'multiselect', required: true, choices: eventChoices, description: 'Other events are acknowledged and start no run.' }],
      verification: { scheme: 'crisp', secret: '{{connection.signing_secret}}' },
      filter: { value: '{{body.event}}', oneOf: '{{input.events}}' },
      // Crisp sends no delivery id; a retry repeats the body, so its event, conversation, message and time identify it.
      dedupe: '{{body.website_id}}:{{body.event}}:{{body.data.session_id}}:{{body.data.fingerprint}}:{{body.timestamp}}',
      sample: hookEventSample,
    },
  ],
});
