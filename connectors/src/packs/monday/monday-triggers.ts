import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { boardsQuery, createWebhookQuery, deleteWebhookQuery } from './monday-queries.js';
import { webhookEventSample } from './monday-samples.js';

type Trigger = NonNullable<PackManifestInput['triggers']>[number];

// What a delivery's event.type says, for each kind of board event (developer.monday.com/api-reference/reference/webhooks).
const payloadTypes = [
  ['Item created', 'create_pulse'],
  ['Column value changed', 'update_column_value'],
  ['Item name changed', 'update_name'],
  ['Update posted', 'create_update'],
  ['Item archived', 'archive_pulse'],
  ['Item deleted', 'delete_pulse'],
  ['Item moved to a group', 'move_pulse_into_group'],
  ['Subitem created', 'create_subitem'],
].map(([label, value]) => ({ label: label!, value: value! }));

// The same kinds as create_webhook names them.
const webhookEvents = [
  ['Item created', 'create_item'],
  ['Column value changed', 'change_column_value'],
  ['Status changed', 'change_status_column_value'],
  ['Item name changed', 'change_name'],
  ['Update posted', 'create_update'],
  ['Item archived', 'item_archived'],
  ['Item deleted', 'item_deleted'],
  ['Item moved to a group', 'item_moved_to_any_group'],
  ['Subitem created', 'create_subitem'],
].map(([label, value]) => ({ label: label!, value: value! }));

/**
 * Both triggers: monday first posts `{"challenge": …}` to the URL and expects it echoed; every request carries
 * a JWT in `Authorization` signed with the app's signing secret. One run per `triggerUuid` (monday retries
 * deliveries for 30 minutes with the same one).
 */
const deliveryHandling = {
  handshake: { type: 'challenge' as const },
  verification: { scheme: 'jwt' as const, secret: '{{connection.signing_secret}}' },
  dedupe: '{{body.event.triggerUuid}}',
  sample: webhookEventSample,
};

const signingNote = 'monday signs the requests of webhooks that an app made, so the connection needs that app’s signing secret.';

export const mondayTriggers: Trigger[] = [
  {
    kind: 'subscription',
    key: 'board-event',
    name: 'Board event',
    description: `Switchyard creates the board webhook (create_webhook) when the recipe is published and deletes it when unpublished. ${signingNote}`,
    input: [
      {
        key: 'board_id',
        label: 'Board',
        type: 'select',
        required: true,
        dynamicChoices: { request: { method: 'POST', path: '/v2', json: { query: boardsQuery } }, items: 'data.boards', label: '{{item.name}}', value: '{{item.id}}' },
      },
      { key: 'event', label: 'Event', type: 'select', required: true, choices: webhookEvents, description: 'One kind per trigger, as monday’s webhooks are.' },
    ],
    subscribe: { method: 'POST', path: '/v2', json: { query: createWebhookQuery, variables: { board: '{{input.board_id}}', url: '{{webhook.url}}', event: '{{input.event}}' } } },
    subscriptionId: 'data.create_webhook.id',
    unsubscribe: { method: 'POST', path: '/v2', json: { query: deleteWebhookQuery, variables: { id: '{{subscription.id}}' } } },
    ...deliveryHandling,
  },
  {
    kind: 'webhook',
    key: 'board-webhook',
    name: 'Board event (webhook you add)',
    description: `Give this trigger’s URL to the webhook of your monday app’s integration; Switchyard answers monday’s challenge. ${signingNote}`,
    input: [{ key: 'types', label: 'Events', type: 'multiselect', required: true, choices: payloadTypes, description: 'Other events are acknowledged and start no run.' }],
    filter: { value: '{{body.event.type}}', oneOf: '{{input.types}}' },
    ...deliveryHandling,
  },
];
