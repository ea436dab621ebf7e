import type { FieldInput } from '../../manifest/field-schema.js';
import { definePack } from '../define-pack.js';
import { slackErrors, slackErrorsWith } from './slack-errors.js';
import { sampleChannel, sampleEvent, sampleHistoryMessage, samplePostedMessage, sampleUser } from './slack-samples.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#4a154b"/>' +
  '<g stroke-width="2.6" stroke-linecap="round"><path d="M9.5 5v6" stroke="#36c5f0"/><path d="M19 9.5h-6" stroke="#2eb67d"/>' +
  '<path d="M14.5 19v-6" stroke="#ecb22e"/><path d="M5 14.5h6" stroke="#e01e5a"/></g></svg>';

// Bot scopes asked for when connecting (https://docs.slack.dev/reference/scopes): what the actions and triggers below call.
const botScopes = [
  'app_mentions:read',
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write',
  'chat:write.customize',
  'chat:write.public',
  'groups:history',
  'groups:read',
  'groups:write',
  'reactions:read',
  'reactions:write',
  'users:read',
  'users:read.email',
];

/** Every channel the app can see, for pickers; one page of up to 1,000 (Slack's maximum per call). */
const channelChoices = {
  request: {
    method: 'GET' as const,
    path: '/conversations.list',
    query: { types: 'public_channel,private_channel', exclude_archived: 'true', limit: '1000' },
  },
  items: 'channels',
  label: '#{{item.name}}',
  value: '{{item.id}}',
};

const channelField: FieldInput = {
  key: 'channel',
  label: 'Channel',
  type: 'select',
  required: true,
  dynamicChoices: channelChoices,
  description: 'Pick a channel, or map a channel ID (C…), a user ID (U…, sends a direct message from the app) or a conversation ID.',
};

const userChoices = {
  request: { method: 'GET' as const, path: '/users.list', query: { limit: '1000' } },
  items: 'members',
  label: '{{item.real_name}} (@{{item.name}})',
  value: '{{item.id}}',
};

const messageTsField = (label: string, description: string): FieldInput => ({
  key: 'ts',
  label,
  required: true,
  placeholder: '1717243200.000200',
  description,
});

/** What a message says; shared by posting, replying and updating. */
const messageContentFields: FieldInput[] = [
  {
    key: 'text',
    label: 'Message text',
    type: 'text',
    description: 'Slack mrkdwn: *bold*, _italic_, <https://example.com|links>, <@U123> mentions. With blocks, this is the notification and screen-reader text.',
  },
  {
    key: 'blocks',
    label: 'Blocks (JSON)',
    type: 'text',
    placeholder: '[{"type":"section","text":{"type":"mrkdwn","text":"*Deploy* finished"}}]',
    description: 'A JSON list of Block Kit blocks, e.g. the "blocks" list from Block Kit Builder (app.slack.com/block-kit-builder). Leave empty for a plain message.',
  },
];

const postingFields: FieldInput[] = [
  ...messageContentFields,
  { key: 'unfurl_links', label: 'Unfurl links', type: 'boolean', description: 'Show previews of links in the text.' },
  { key: 'unfurl_media', label: 'Unfurl media', type: 'boolean', description: 'Show previews of images and videos.' },
  { key: 'username', label: 'Bot name', description: 'Post under another name (needs the chat:write.customize scope).' },
  { key: 'icon_emoji', label: 'Bot icon emoji', placeholder: ':robot_face:', description: 'Overrides the app icon (needs chat:write.customize).' },
  { key: 'icon_url', label: 'Bot icon URL', type: 'url', description: 'An image shown as the app icon (needs chat:write.customize).' },
];

// Slack's Web API reads form-encoded arguments, JSON-encoded where a value is structured (blocks), as its SDKs send them.
const postingForm = {
  channel: '{{input.channel}}',
  text: '{{input.text}}',
  blocks: '{{input.blocks}}',
  unfurl_links: '{{input.unfurl_links}}',
  unfurl_media: '{{input.unfurl_media}}',
  username: '{{input.username}}',
  icon_emoji: '{{input.icon_emoji}}',
  icon_url: '{{input.icon_url}}',
};

const eventTypes = [
  { label: 'Message posted (message.channels, .groups, .im, .mpim)', value: 'message' },
  { label: 'App mentioned (app_mention)', value: 'app_mention' },
  { label: 'Reaction added (reaction_added)', value: 'reaction_added' },
  { label: 'Reaction removed (reaction_removed)', value: 'reaction_removed' },
  { label: 'Member joined a channel (member_joined_channel)', value: 'member_joined_channel' },
  { label: 'Member left a channel (member_left_channel)', value: 'member_left_channel' },
  { label: 'Channel created (channel_created)', value: 'channel_created' },
  { label: 'Channel archived (channel_archive)', value: 'channel_archive' },
  { label: 'New workspace member (team_join)', value: 'team_join' },
  { label: 'File shared (file_shared)', value: 'file_shared' },
  { label: 'Pin added (pin_added)', value: 'pin_added' },
  { label: 'App Home opened (app_home_opened)', value: 'app_home_opened' },
];

/**
 * Slack (https://docs.slack.dev/apis/web-api/): messages, threads, reactions, users and channels through the
 * Web API, events through the Events API, new channel messages by polling. Connect with OAuth (a Slack app
 * you create; bot scopes) or paste the app's bot token. Every Web API method is `POST /api/<method>` with
 * form-encoded arguments and the token as a Bearer header, as Slack's SDK sends them; list calls use GET
 * with the same arguments in the query. Failures come as HTTP 200 with `ok: false` (see `slackErrors`).
 */
export const slackPack = definePack({
  id: 'slack',
  name: 'Slack',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Post messages and replies, react, find people, create channels and start recipes from Slack events or new channel messages.',
  homepage: 'https://docs.slack.dev/apis/web-api/',
  icon,
  baseUrl: '{{connection.base_url}}/api',
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.base_url}}/oauth/v2/authorize',
    tokenUrl: '{{connection.base_url}}/api/oauth.v2.access',
    scopes: botScopes,
    // OAuth v2 takes bot scopes comma-separated in `scope` (https://docs.slack.dev/authentication/installing-with-oauth).
    scopeSeparator: ',',
    // Slack takes PKCE only from apps switched (for good) to public clients; a server app keeps its client secret.
    pkce: false,
    clientAuth: 'basic',
    // oauth.v2.access answers the bot token as `access_token`, with the workspace and the bot's own user id.
    capture: { fromToken: { team_id: 'team.id', team_name: 'team.name', bot_user_id: 'bot_user_id' } },
    pasteToken: {
      label: 'Bot token',
      description: 'Instead of connecting through OAuth: api.slack.com/apps → your app → OAuth & Permissions → Bot User OAuth Token (xoxb-…), after installing the app to the workspace.',
    },
    fields: [
      {
        key: 'client_id',
        label: 'Client ID',
        description: 'For connecting through OAuth: api.slack.com/apps → your app → Basic Information → App Credentials; add this server’s OAuth callback URL under OAuth & Permissions → Redirect URLs. Not needed with a pasted bot token.',
      },
      { key: 'client_secret', label: 'Client secret', secret: true, description: 'Next to the client ID under App Credentials.' },
      {
        key: 'signing_secret',
        label: 'Signing secret',
        secret: true,
        description: 'Needed by the "New event" trigger: Basic Information → App Credentials → Signing Secret. Slack signs every event with it.',
      },
      {
        key: 'base_url',
        label: 'Slack address',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://slack.com',
        description: 'Leave as is; change only for a proxy or a test server.',
      },
    ],
    // auth.test answers { ok: true, team, user } for a working token and ok: false (invalid_auth, …) otherwise.
    test: { method: 'POST', path: '/auth.test' },
  },
  errors: slackErrors,
  actions: [
    {
      key: 'post-message',
      name: 'Send message to channel',
      description: 'Posts a message (text, Block Kit blocks or both) to a channel, or to a person as a direct message from the app.',
      input: [channelField, ...postingFields],
      request: { method: 'POST', path: '/chat.postMessage', form: postingForm },
      sample: samplePostedMessage,
    },
    {
      key: 'reply-in-thread',
      name: 'Reply in thread',
      description: 'Posts a reply under a message; map the message timestamp from a trigger or an earlier step (its ts).',
      input: [
        channelField,
        messageTsField('Message timestamp', 'The ts of the message that starts the thread (or of any reply in it), e.g. {{trigger.event.ts}}.'),
        ...postingFields,
        { key: 'reply_broadcast', label: 'Also send to channel', type: 'boolean', description: 'Show the reply in the channel as well as in the thread.' },
      ],
      request: { method: 'POST', path: '/chat.postMessage', form: { ...postingForm, thread_ts: '{{input.ts}}', reply_broadcast: '{{input.reply_broadcast}}' } },
      sample: { ...samplePostedMessage, message: { ...samplePostedMessage.message, thread_ts: '1717243100.000100' } },
    },
    {
      key: 'update-message',
      name: 'Update message',
      description: 'Replaces the text or blocks of a message the app posted.',
      input: [channelField, messageTsField('Message timestamp', 'The ts of the message to change, e.g. {{steps.post.output.ts}}.'), ...messageContentFields],
      request: { method: 'POST', path: '/chat.update', form: { channel: '{{input.channel}}', ts: '{{input.ts}}', text: '{{input.text}}', blocks: '{{input.blocks}}' } },
      sample: { ok: true, channel: 'C061EG9SL', ts: '1717243200.000200', text: 'Deploy finished :rocket: (updated)' },
    },
    {
      key: 'add-reaction',
      name: 'Add reaction',
      description: 'Adds an emoji reaction to a message as the app.',
      input: [
        channelField,
        messageTsField('Message timestamp', 'The ts of the message to react to, e.g. {{trigger.ts}}.'),
        { key: 'name', label: 'Emoji', required: true, placeholder: 'thumbsup', description: 'An emoji name, with or without colons (eyes, :white_check_mark:, or a custom emoji).' },
      ],
      request: {
        method: 'POST',
        path: '/reactions.add',
        form: { channel: '{{input.channel}}', timestamp: '{{input.ts}}', name: "{{input.name | replace: ':', ''}}" },
      },
      errors: slackErrorsWith({ invalid_name: 'No emoji has that name (invalid_name); use a name such as thumbsup or a custom emoji of the workspace.' }),
      sample: { ok: true },
    },
    {
      key: 'find-user-by-email',
      name: 'Find user by email',
      description: 'Looks up a workspace member by email address (needs the users:read.email scope).',
      input: [{ key: 'email', label: 'Email', type: 'email', required: true }],
      request: { method: 'POST', path: '/users.lookupByEmail', form: { email: '{{input.email}}' } },
      output: 'user',
      sideEffect: false,
      sample: sampleUser,
    },
    {
      key: 'create-channel',
      name: 'Create channel',
      description: 'Creates a public or private channel; the app becomes its first member.',
      input: [
        { key: 'name', label: 'Channel name', required: true, placeholder: 'launch-2024', description: 'Lower case, no spaces or periods, at most 80 characters; spaces are turned into dashes.' },
        { key: 'is_private', label: 'Private', type: 'boolean', description: 'Only invited members can see a private channel.' },
      ],
      request: { method: 'POST', path: '/conversations.create', form: { name: "{{input.name | lower | trim | replace: ' ', '-'}}", is_private: '{{input.is_private}}' } },
      output: 'channel',
      errors: slackErrorsWith({
        invalid_name: 'The channel name is not valid (invalid_name): use lower-case letters, digits, - and _, at most 80 characters.',
        invalid_name_specials: 'The channel name has characters Slack does not allow (invalid_name_specials): use lower-case letters, digits, - and _.',
        invalid_name_maxlength: 'The channel name is longer than 80 characters (invalid_name_maxlength).',
      }),
      sample: sampleChannel,
    },
    {
      key: 'set-topic',
      name: 'Set channel topic',
      description: 'Sets the topic shown at the top of a channel (the app must be a member).',
      input: [channelField, { key: 'topic', label: 'Topic', required: true, description: 'Plain text, at most 250 characters; no formatting or links.' }],
      request: { method: 'POST', path: '/conversations.setTopic', form: { channel: '{{input.channel}}', topic: '{{input.topic}}' } },
      output: 'channel',
      sample: sampleChannel,
    },
    {
      key: 'join-channel',
      name: 'Join channel',
      description: 'Makes the app a member of a public channel, so it can read its messages and post without chat:write.public.',
      input: [channelField],
      request: { method: 'POST', path: '/conversations.join', form: { channel: '{{input.channel}}' } },
      output: 'channel',
      sample: sampleChannel,
    },
    {
      key: 'invite-to-channel',
      name: 'Invite users to channel',
      description: 'Adds people to a channel the app is a member of.',
      input: [
        channelField,
        {
          key: 'users',
          label: 'Users',
          type: 'multiselect',
          required: true,
          dynamicChoices: userChoices,
          description: 'Up to 1,000 people; map user IDs (U…) from earlier steps, e.g. {{steps.find.output.id}}.',
        },
      ],
      // Slack takes the users as one comma-separated list.
      request: { method: 'POST', path: '/conversations.invite', form: { channel: '{{input.channel}}', users: "{{input.users | join: ','}}" } },
      output: 'channel',
      sample: sampleChannel,
    },
    {
      key: 'list-channels',
      kind: 'search',
      name: 'Find channels',
      description: 'Lists the channels the app can see (every page, up to 5,000), for a loop or a lookup by name.',
      input: [
        {
          key: 'types',
          label: 'Channel types',
          type: 'multiselect',
          default: ['public_channel'],
          choices: [
            { label: 'Public channels', value: 'public_channel' },
            { label: 'Private channels', value: 'private_channel' },
          ],
        },
        { key: 'exclude_archived', label: 'Leave out archived channels', type: 'boolean', default: true },
      ],
      request: {
        method: 'GET',
        path: '/conversations.list',
        query: { types: "{{input.types | join: ','}}", exclude_archived: '{{input.exclude_archived}}', limit: '1000' },
      },
      pagination: { type: 'cursor', items: 'channels', cursor: 'response_metadata.next_cursor', param: 'cursor', maxPages: 5 },
      sample: { items: [sampleChannel] },
    },
  ],
  triggers: [
    {
      kind: 'webhook',
      key: 'new-event',
      name: 'New event (Events API)',
      description:
        'Slack calls this trigger for the events your app subscribes to. After publishing, paste the trigger URL into api.slack.com/apps → Event Subscriptions → Request URL (Slack checks it at once) and subscribe to bot events such as app_mention or message.channels. ' +
        'Pills read the event as {{trigger.event.text}}, {{trigger.event.channel}}, {{trigger.event.ts}}. Messages the app posts come back as events: filter on {{trigger.event.bot_id}} to avoid loops.',
      input: [
        {
          key: 'event_types',
          label: 'Event types',
          type: 'multiselect',
          required: true,
          default: ['app_mention'],
          choices: eventTypes,
          description: 'Only these start a run; the app must also subscribe to them in its Event Subscriptions.',
        },
      ],
      // The Request URL is set in the app's settings (Slack has no API for it); Slack proves the URL with { type: "url_verification", challenge }, answered with the challenge.
      handshake: { type: 'slack_url_verification' },
      verification: { scheme: 'slack', secret: '{{connection.signing_secret}}' },
      // Slack retries a delivery it saw no 200 for (X-Slack-Retry-Num) with the same event_id.
      dedupe: '{{body.event_id}}',
      filter: { value: '{{body.event.type}}', oneOf: '{{input.event_types}}' },
      sample: sampleEvent,
    },
    {
      kind: 'poll',
      key: 'new-message',
      name: 'New message in channel',
      description: 'Checks a channel for new messages every minute; the first check only notes the messages already there. The app must be a member of the channel.',
      input: [channelField],
      request: { method: 'GET', path: '/conversations.history', query: { channel: '{{input.channel}}', limit: '200' } },
      items: 'messages',
      // A message's ts is unique in its channel and grows with time, so it is both the id and the cursor (Slack's `oldest`).
      id: 'ts',
      cursor: { field: 'ts', param: 'oldest' },
      pagination: { type: 'cursor', items: 'messages', cursor: 'response_metadata.next_cursor', param: 'cursor', maxPages: 5 },
      intervalSeconds: 60,
      sample: sampleHistoryMessage,
    },
  ],
});
