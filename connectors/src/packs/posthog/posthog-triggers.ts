import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { destinationSample } from './posthog-samples.js';

type Trigger = NonNullable<PackManifestInput['triggers']>[number];

const setUp =
  'In PostHog → Data pipelines → Destinations, add a Webhook destination with this trigger’s URL, keep the default body ({ event, person }), choose its event filters, and add the header Authorization: Bearer <the connection’s webhook secret>.';

/**
 * A PostHog webhook destination: PostHog signs nothing but sends the headers the user sets, so the
 * connection's secret comes back in `Authorization: Bearer …`. The event's uuid is PostHog's own and
 * stays the same when a delivery is retried.
 */
const destination = {
  kind: 'webhook',
  verification: { scheme: 'shared-secret', secret: '{{connection.webhook_secret}}', header: 'Authorization', prefix: 'Bearer ' },
  dedupe: '{{body.event.uuid}}',
  sample: destinationSample,
} as const;

export const posthogTriggers: Trigger[] = [
  {
    ...destination,
    key: 'destination-event',
    name: 'Event from a webhook destination',
    description: `Every event the destination sends (its own filters decide which). ${setUp}`,
  },
  {
    ...destination,
    key: 'named-event',
    name: 'Specific events from a webhook destination',
    description: `Only the events you name, when one destination sends several. ${setUp}`,
    input: [{ key: 'event_names', label: 'Event names', required: true, placeholder: '$pageview, subscription upgraded', description: 'Separated by commas, each exactly as in PostHog (names may contain spaces).' }],
    filter: { value: '{{body.event.event}}', oneOf: "{{input.event_names | replace: ', ', ',' | split: ','}}" },
  },
];
