import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { dataSourceField } from './notion-fields.js';
import { sampleEvent, samplePage } from './notion-samples.js';

type Triggers = NonNullable<PackManifestInput['triggers']>;

// Webhook event types (https://developers.notion.com/reference/webhooks-events-delivery).
const eventTypes = [
  ['Page created', 'page.created'],
  ['Page properties updated', 'page.properties_updated'],
  ['Page content updated', 'page.content_updated'],
  ['Page moved', 'page.moved'],
  ['Page deleted', 'page.deleted'],
  ['Page restored', 'page.undeleted'],
  ['Page locked', 'page.locked'],
  ['Page unlocked', 'page.unlocked'],
  ['Database created', 'database.created'],
  ['Database moved', 'database.moved'],
  ['Database deleted', 'database.deleted'],
  ['Database restored', 'database.undeleted'],
  ['Database schema updated', 'database.schema_updated'],
  ['Data source created', 'data_source.created'],
  ['Data source content updated', 'data_source.content_updated'],
  ['Data source schema updated', 'data_source.schema_updated'],
  ['Comment created', 'comment.created'],
  ['Comment updated', 'comment.updated'],
  ['Comment deleted', 'comment.deleted'],
].map(([label, value]) => ({ label: `${label!} (${value!})`, value: value! }));

/**
 * A query of the chosen database, newest first by `timestamp`: one page of 100 is enough between polls, and
 * the first poll notes what is there. Notion rounds these times to the minute, so no cursor filter: ids do it.
 */
const queryNewest = (timestamp: 'created_time' | 'last_edited_time') => ({
  method: 'POST' as const,
  path: '/data_sources/{{input.data_source_id}}/query',
  json: { sorts: [{ timestamp, direction: 'descending' }], page_size: 100 },
});

export const notionTriggers: Triggers = [
  {
    kind: 'poll',
    key: 'new-database-item',
    name: 'New database item',
    description: 'Checks a database for new items every 5 minutes; the first check only notes the items already there.',
    input: [dataSourceField],
    request: queryNewest('created_time'),
    items: 'results',
    id: 'id',
    sample: samplePage,
  },
  {
    kind: 'poll',
    key: 'updated-database-item',
    name: 'New or updated database item',
    description: 'Checks a database every 5 minutes for items created or edited since the last check (Notion keeps edit times to the minute, so edits within one minute count once).',
    input: [dataSourceField],
    request: queryNewest('last_edited_time'),
    items: 'results',
    id: 'id',
    // Each edit time of an item fires once.
    revision: 'last_edited_time',
    sample: samplePage,
  },
  {
    kind: 'webhook',
    key: 'webhook-event',
    name: 'New webhook event',
    description:
      'Notion calls this trigger for the events of a webhook subscription. After publishing: notion.so/profile/integrations → your integration → Webhooks → Create a subscription with this trigger’s URL. ' +
      'Notion then sends a verification token: it appears in this trigger’s panel; copy it back into Notion (Verify). The first token is kept; for a new subscription, reset the trigger’s state first. ' +
      'Pills read {{trigger.type}} and {{trigger.entity.id}}; fetch the page with a later step.',
    input: [
      {
        key: 'event_types',
        label: 'Event types',
        type: 'multiselect',
        required: true,
        default: ['page.created', 'page.properties_updated'],
        choices: eventTypes,
        description: 'Only these start a run; subscribe to them in Notion too.',
      },
    ],
    // One POST of { "verification_token": "secret_…" } when the subscription is made (https://developers.notion.com/reference/webhooks).
    handshake: { type: 'body_token', path: 'verification_token' },
    // X-Notion-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed by that token>.
    verification: { scheme: 'hmac', secret: '{{webhook.secret}}', header: 'X-Notion-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
    // A retried delivery keeps its event id.
    dedupe: '{{body.id}}',
    filter: { value: '{{body.type}}', oneOf: '{{input.event_types}}' },
    sample: sampleEvent,
  },
];
