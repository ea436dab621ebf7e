import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { notificationSample } from './intercom-samples.js';

// https://developers.intercom.com/docs/references/webhooks/webhook-models#webhook-topics
const topics = [
  ['A contact started a conversation', 'conversation.user.created'],
  ['A contact replied', 'conversation.user.replied'],
  ['A teammate started a conversation', 'conversation.admin.single.created'],
  ['A teammate replied', 'conversation.admin.replied'],
  ['A teammate added a note', 'conversation.admin.noted'],
  ['A conversation was assigned', 'conversation.admin.assigned'],
  ['A conversation was closed', 'conversation.admin.closed'],
  ['A conversation was reopened', 'conversation.admin.opened'],
  ['A conversation was snoozed', 'conversation.admin.snoozed'],
  ['A conversation was rated', 'conversation.rating.added'],
  ['A user was created', 'contact.user.created'],
  ['A lead was created', 'contact.lead.created'],
  ['A lead signed up (became a user)', 'contact.lead.signed_up'],
  ['A user was tagged', 'contact.user.tag.created'],
  ['A ticket was created', 'ticket.created'],
].map(([label, value]) => ({ label: label!, value: value! }));

type Triggers = NonNullable<PackManifestInput['triggers']>;

export const intercomTriggers: Triggers = [
  {
    kind: 'webhook',
    key: 'webhook-event',
    name: 'Webhook notification',
    description:
      "In the Developer Hub, your app → Webhooks: paste this trigger's URL as the endpoint and pick the topics. Intercom signs each notification with the app's client secret, which the connection needs. Its setup ping starts nothing.",
    input: [{ key: 'topics', label: 'Topics', type: 'multiselect', required: true, choices: topics, description: 'Runs start only for these topics. The run sees the notification; the conversation or contact is at data.item.' }],
    verification: { scheme: 'intercom', secret: '{{connection.client_secret}}' },
    // A notification keeps its id when Intercom retries it.
    dedupe: '{{event.id}}',
    filter: { value: '{{event.topic}}', oneOf: '{{input.topics}}' },
    sample: notificationSample,
  },
];
