import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { contactObject, dealObject, readProperties, type CrmObject } from './hubspot-objects.js';
import { recordSample, webhookEventSample } from './hubspot-samples.js';

type Triggers = NonNullable<PackManifestInput['triggers']>;

// https://developers.hubspot.com/docs/api/webhooks#webhook-subscriptions
const subscriptionTypes = [
  'contact.creation',
  'contact.deletion',
  'contact.propertyChange',
  'contact.merge',
  'contact.associationChange',
  'company.creation',
  'company.deletion',
  'company.propertyChange',
  'company.merge',
  'company.associationChange',
  'deal.creation',
  'deal.deletion',
  'deal.propertyChange',
  'deal.merge',
  'deal.associationChange',
  'ticket.creation',
  'ticket.deletion',
  'ticket.propertyChange',
  'conversation.creation',
  'conversation.newMessage',
].map((value) => ({ label: value, value }));

// HubSpot's search index trails writes by a few seconds; each poll also asks for the minute before the
// newest time seen, so a record indexed late still fires (those seen already never fire again).
const searchLagSeconds = 60;

/**
 * A poll over the CRM search: records whose `property` is at or after the cursor, oldest first, so each poll
 * continues where the last stopped (up to 5 pages of 100; the rest waits for the next poll). The cursor starts
 * at the first poll's time, because a search from an empty cursor would list the oldest records first.
 * HubSpot documents datetime filter values as Unix milliseconds. `updated` polls fire once per change.
 */
function searchPoll(object: CrmObject, kind: 'new' | 'updated'): Triggers[number] {
  const property = kind === 'new' ? object.created : object.modified;
  const changed = kind === 'new' ? 'created' : 'created or changed';
  return {
    kind: 'poll',
    key: `${kind}-${object.singular}`,
    name: `${kind === 'new' ? 'New' : 'Updated'} ${object.singular}`,
    description: `Checks HubSpot every 5 minutes for ${object.type} ${changed} since the last check. The first check only notes the time.`,
    request: {
      method: 'POST',
      path: `/crm/v3/objects/${object.type}/search`,
      json: {
        filterGroups: [{ filters: [{ propertyName: property, operator: 'GTE', value: '{{poll.cursor | date: "x"}}' }] }],
        sorts: [{ propertyName: property, direction: 'ASCENDING' }],
        properties: readProperties(object),
        limit: 100,
      },
    },
    items: 'results',
    id: 'id',
    ...(kind === 'updated' && { revision: `properties.${property}` }),
    cursor: { field: `properties.${property}`, initial: 'now', lagSeconds: searchLagSeconds },
    pagination: { type: 'cursor', items: 'results', cursor: 'paging.next.after', param: 'after', in: 'body', maxPages: 5 },
    order: 'oldest_first',
    intervalSeconds: 300,
    sample: recordSample(object),
  };
}

export const hubspotTriggers: Triggers = [
  {
    kind: 'webhook',
    key: 'webhook-event',
    name: 'Webhook event',
    description:
      "In your HubSpot app (Webhooks), set this trigger's URL as the target URL and subscribe to the events you want. HubSpot signs deliveries with the app's client secret (v3 signature), so the connection needs it.",
    input: [
      {
        key: 'subscription_types',
        label: 'Events',
        type: 'multiselect',
        required: true,
        choices: subscriptionTypes,
        description: 'Runs start only for these subscription types; one delivery may carry several events, each starts its own run.',
      },
    ],
    verification: { scheme: 'hubspot-v3', secret: '{{connection.client_secret}}' },
    events: '',
    // HubSpot says eventId alone is not guaranteed unique; a redelivery repeats all three.
    dedupe: '{{event.subscriptionId}}:{{event.eventId}}:{{event.occurredAt}}',
    filter: { value: '{{event.subscriptionType}}', oneOf: '{{input.subscription_types}}' },
    sample: webhookEventSample,
  },
  searchPoll(contactObject, 'new'),
  searchPoll(contactObject, 'updated'),
  searchPoll(dealObject, 'new'),
  searchPoll(dealObject, 'updated'),
];
