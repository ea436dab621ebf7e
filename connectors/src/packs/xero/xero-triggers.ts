import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { webhookEventSample } from './xero-samples.js';

type Triggers = NonNullable<PackManifestInput['triggers']>;

const eventChoices = [
  ['Invoice created', 'INVOICE.CREATE'],
  ['Invoice updated (also paid, voided or archived)', 'INVOICE.UPDATE'],
  ['Contact created', 'CONTACT.CREATE'],
  ['Contact updated (also archived)', 'CONTACT.UPDATE'],
].map(([label, value]) => ({ label: label!, value: value! }));

/**
 * Xero webhooks (developer.xero.com/documentation/guides/webhooks): one per Xero app, for every
 * organisation connected to it. A delivery is { "events": [ … ], "firstEventSequence", "lastEventSequence",
 * "entropy" } signed with the app's webhook key (x-xero-signature: base64 HMAC-SHA256 of the raw body). The
 * "intent to receive" check sends an empty events list, correctly and badly signed: the first is answered
 * 200 and starts nothing, the second 401. An event names the changed resource only; a step reads it by its
 * resourceId in the event's organisation (tenantId).
 */
export const xeroTriggers: Triggers = [
  {
    kind: 'webhook',
    key: 'webhook-event',
    name: 'Invoice or contact event',
    description:
      "In developer.xero.com → My Apps → your app → Webhooks: choose Invoices and/or Contacts, paste this trigger's URL as the Delivery URL, save, copy the Webhooks key into the connection, then press \"Send 'Intent To Receive'\".",
    input: [{ key: 'events', label: 'Events', type: 'multiselect', required: true, description: 'Runs start only for these; the run sees one event (resourceId, tenantId, eventCategory, eventType, eventDateUtc).', choices: eventChoices }],
    verification: { scheme: 'hmac', secret: '{{connection.webhook_key}}', header: 'x-xero-signature', algorithm: 'sha256', encoding: 'base64' },
    events: 'events',
    // "There is no body in the response" is one of Xero's conditions for a webhook endpoint.
    emptyReply: true,
    // Xero retries a delivery until it is answered 200; an event is the same resource, time and change.
    dedupe: '{{event.resourceId}}:{{event.eventDateUtc}}:{{event.eventType}}',
    // Xero's own examples write the event type both as UPDATE and as Update.
    filter: { value: '{{event.eventCategory | upper}}.{{event.eventType | upper}}', oneOf: '{{input.events}}' },
    sample: webhookEventSample,
  },
];
