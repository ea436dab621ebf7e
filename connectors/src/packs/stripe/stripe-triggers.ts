import type { FieldInput } from '../../manifest/field-schema.js';
import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { stripeApiVersion } from './stripe-api-version.js';
import { stripeEventTypeChoices } from './stripe-event-types.js';
import { sampleEvent } from './stripe-samples.js';

const eventTypesField: FieldInput = {
  key: 'event_types',
  label: 'Event types',
  type: 'multiselect',
  required: true,
  choices: stripeEventTypeChoices,
  description: 'Only these events start the recipe.',
};

// Stripe retries a delivery for up to three days with the same event id; the id makes a retry start no second run.
const eventHandling = {
  dedupe: '{{event.id}}',
  filter: { value: '{{event.type}}', oneOf: '{{input.event_types}}' },
  sample: sampleEvent,
};

/**
 * Stripe events start recipes in two ways: an endpoint Switchyard manages (created through the API on
 * publish, its signing secret captured from Stripe's answer) or one the user adds in the Dashboard (its
 * secret on the connection). Both verify `Stripe-Signature` with the built-in `stripe` scheme.
 */
export const stripeTriggers = [
  {
    kind: 'subscription',
    key: 'new-event',
    name: 'New event',
    description:
      "Switchyard adds a webhook endpoint for the chosen events to your Stripe account when the recipe is published, and deletes it when the recipe is unpublished. Stripe must reach Switchyard's public URL (live mode needs HTTPS).",
    input: [eventTypesField],
    subscribe: {
      method: 'POST',
      path: '/v1/webhook_endpoints',
      form: {
        url: '{{webhook.url}}',
        // Stripe's documented list form: enabled_events[]=a&enabled_events[]=b.
        'enabled_events[]': '{{input.event_types}}',
        api_version: stripeApiVersion,
        description: 'Switchyard recipe trigger',
      },
    },
    // Stripe generates the signing secret and returns it only in this answer.
    capture: { signing_secret: 'secret' },
    unsubscribe: { method: 'DELETE', path: '/v1/webhook_endpoints/{{subscription.id}}' },
    verification: { scheme: 'stripe', secret: '{{subscription.signing_secret}}' },
    ...eventHandling,
  },
  {
    kind: 'webhook',
    key: 'event',
    name: 'Event received (webhook you add)',
    description:
      "For endpoints you manage yourself: in Dashboard → Developers → Webhooks add this trigger's URL with the same events, then copy the endpoint's signing secret into the connection.",
    input: [eventTypesField],
    verification: { scheme: 'stripe', secret: '{{connection.webhook_secret}}' },
    ...eventHandling,
  },
] satisfies PackManifestInput['triggers'];
