import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import * as documents from './shopify-graphql.js';
import { orderWebhookSample } from './shopify-samples.js';

type Triggers = NonNullable<PackManifestInput['triggers']>;

// Webhook topics people automate most (shopify.dev/docs/api/webhooks), as the X-Shopify-Topic header names them.
const topicChoices = [
  ['Order created', 'orders/create'],
  ['Order updated', 'orders/updated'],
  ['Order paid', 'orders/paid'],
  ['Order fulfilled', 'orders/fulfilled'],
  ['Order partially fulfilled', 'orders/partially_fulfilled'],
  ['Order cancelled', 'orders/cancelled'],
  ['Order deleted', 'orders/delete'],
  ['Refund created', 'refunds/create'],
  ['Draft order created', 'draft_orders/create'],
  ['Fulfillment created', 'fulfillments/create'],
  ['Fulfillment updated', 'fulfillments/update'],
  ['Product created', 'products/create'],
  ['Product updated', 'products/update'],
  ['Product deleted', 'products/delete'],
  ['Inventory level updated', 'inventory_levels/update'],
  ['Inventory item updated', 'inventory_items/update'],
  ['Customer created', 'customers/create'],
  ['Customer updated', 'customers/update'],
  ['Customer deleted', 'customers/delete'],
  ['Checkout created', 'checkouts/create'],
  ['Checkout updated', 'checkouts/update'],
  ['Collection created', 'collections/create'],
  ['App uninstalled', 'app/uninstalled'],
].map(([label, value]) => ({ label: label!, value: value! }));

/**
 * Common to both triggers: Shopify retries a delivery with the same `X-Shopify-Webhook-Id`, so that id is the
 * dedupe key; the topic is only in `X-Shopify-Topic`, so it and the ids reach the run as `headers`.
 */
const deliveryHandling = {
  dedupe: '{{headers.x-shopify-webhook-id}}',
  eventHeaders: ['x-shopify-topic', 'x-shopify-webhook-id', 'x-shopify-shop-domain', 'x-shopify-event-id', 'x-shopify-triggered-at'],
  sample: orderWebhookSample,
};

export const shopifyTriggers: Triggers = [
  {
    kind: 'subscription',
    key: 'store-event',
    name: 'Store event',
    description:
      "Switchyard subscribes to the topic through the Admin API when the recipe is published, and removes the subscription when it is unpublished. Shopify signs these deliveries with the app's client secret, so the connection needs it (a custom app's API secret key too).",
    input: [{ key: 'topic', label: 'Topic', type: 'select', required: true, default: 'orders/create', choices: topicChoices, description: 'What starts a run; the run sees the resource as Shopify sends it (an order, a product, …).' }],
    // GraphQL rather than REST /webhooks.json: the REST Admin API is legacy and new public apps must use GraphQL
    // (April 2025). Since 2025-10 `uri` is the one field for every endpoint kind (callbackUrl is its older name).
    subscribe: {
      method: 'POST',
      path: '/graphql.json',
      json: {
        query: documents.webhookSubscriptionCreate,
        variables: { topic: "{{input.topic | upper | replace: '/', '_'}}", webhookSubscription: { uri: '{{webhook.url}}', format: 'JSON' } },
      },
    },
    subscriptionId: 'data.webhookSubscriptionCreate.webhookSubscription.id',
    unsubscribe: { method: 'POST', path: '/graphql.json', json: { query: documents.webhookSubscriptionDelete, variables: { id: '{{subscription.id}}' } } },
    verification: { scheme: 'shopify', secret: '{{connection.client_secret}}' },
    ...deliveryHandling,
  },
  {
    kind: 'webhook',
    key: 'webhook-event',
    name: 'Webhook event (add the webhook yourself)',
    description:
      "For a webhook added in the Shopify admin (Settings → Notifications → Webhooks → Create webhook, format JSON): paste this trigger's URL, and copy the signing secret shown above that list (\"Your webhooks will be signed with …\") into the connection's webhook signing secret.",
    input: [{ key: 'topics', label: 'Topics', type: 'multiselect', required: true, choices: topicChoices, description: 'Runs start only for these topics, whatever else the webhook sends.' }],
    verification: { scheme: 'shopify', secret: '{{connection.webhook_secret}}' },
    filter: { value: '{{headers.x-shopify-topic}}', oneOf: '{{input.topics}}' },
    ...deliveryHandling,
  },
];
