import { definePack } from '../define-pack.js';
import { shopifyActions } from './shopify-actions.js';
import { shopifyErrors } from './shopify-errors.js';
import { shopifyTriggers } from './shopify-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#95bf47" d="M15.3 2.9l-.6.2c-.4-1.1-1-2.1-2.2-2.1h-.1C12 .4 11.5.2 11.1.2 8.3.2 6.9 3.7 6.5 5.5l-2 .6c-.6.2-.6.2-.7.8L2.2 19.3 14.6 21.6l6.7-1.5L15.3 2.9z"/><path fill="#5e8e3e" d="M15.3 2.9c-.1 0-.2 0-.3.1l-1 20.6 7.3-1.6L15.3 2.9z"/><path fill="#fff" d="M11.8 7.6l-.8 2.6s-.9-.4-2-.3c-1.6.1-1.6 1.1-1.6 1.4.1 1.4 3.8 1.7 4 5 .2 2.6-1.4 4.4-3.6 4.5-2.7.2-4.2-1.4-4.2-1.4l.6-2.4s1.5 1.1 2.7 1c.8 0 1.1-.7 1-1.1-.1-1.8-3.1-1.7-3.3-4.7-.2-2.5 1.5-5.1 5.1-5.3 1.4-.1 2.1.3 2.1.3z"/></svg>';

/** The Admin API version every call names; Shopify supports each for at least 12 months (2025-10 until October 2026). */
const apiVersion = '2025-10';

/**
 * Shopify (https://shopify.dev/docs/api/admin-graphql): products, orders, customers and inventory through the
 * GraphQL Admin API, and webhook topics as triggers. One connection is one shop: either a Shopify app's OAuth
 * (authorized at https://{shop}.myshopify.com/admin/oauth/authorize, Shopify's signed callback checked) or the
 * Admin API access token of a custom app created in the shop's admin. Either way the token goes in
 * `X-Shopify-Access-Token`, the only header the Admin API reads.
 */
export const shopifyPack = definePack({
  id: 'shopify',
  name: 'Shopify',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create and update products, find orders, create customers and adjust inventory; start recipes from store events.',
  homepage: 'https://www.shopify.com',
  icon,
  baseUrl: `{{connection.admin_url}}/admin/api/${apiVersion}`,
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.admin_url}}/admin/oauth/authorize',
    tokenUrl: '{{connection.admin_url}}/admin/oauth/access_token',
    scopes: ['read_products', 'write_products', 'read_orders', 'read_customers', 'write_customers', 'read_inventory', 'write_inventory', 'read_locations'],
    // Shopify's scope list is comma-separated; it documents no PKCE, and takes the client id and secret in the body.
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    tokenHeader: 'X-Shopify-Access-Token',
    callbackSignature: { param: 'hmac', encoding: 'hex' },
    pasteToken: {
      label: 'Admin API access token',
      description:
        'Instead of an app with OAuth: in the Shopify admin, Settings → Apps and sales channels → Develop apps → create an app, choose its Admin API scopes, install it and copy the Admin API access token (shpat_…). Also enter its API secret key below as the client secret if you use the "Store event" trigger.',
    },
    fields: [
      {
        key: 'shop',
        label: 'Shop',
        required: true,
        placeholder: 'my-store',
        description: 'The part of your admin address before .myshopify.com (my-store for my-store.myshopify.com), also when the store has its own domain.',
        pattern: { regex: '[a-zA-Z0-9][a-zA-Z0-9-]*', message: 'the part before .myshopify.com: letters, digits and dashes, e.g. my-store' },
      },
      {
        key: 'client_id',
        label: 'Client ID',
        description:
          "Your Shopify app's client ID (Dev Dashboard → the app → Settings), whose allowed redirection URLs include this server's OAuth callback URL. Not needed with a pasted access token.",
      },
      {
        key: 'client_secret',
        label: 'Client secret',
        secret: true,
        description:
          "Your app's client secret; a custom app's API secret key. Shopify signs the OAuth callback and the \"Store event\" webhooks with it.",
      },
      {
        key: 'webhook_secret',
        label: 'Webhook signing secret',
        secret: true,
        description:
          'Only for the "Webhook event" trigger: the key shown under Settings → Notifications → Webhooks ("Your webhooks will be signed with …").',
      },
      {
        key: 'admin_url',
        label: 'Shop admin URL',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://{{connection.shop}}.myshopify.com',
        description: 'Follows the shop; change only for a proxy or a test server.',
      },
    ],
    test: { method: 'GET', path: '/shop.json' },
  },
  headers: { Accept: 'application/json' },
  // REST allows 2 requests a second per app and shop (a bucket of 40); GraphQL counts query cost and answers
  // THROTTLED over it, which `retryCodes` retries. Two a second keeps ordinary recipes under both.
  throttle: { requests: 2, perSeconds: 1 },
  errors: shopifyErrors,
  actions: shopifyActions,
  triggers: shopifyTriggers,
});
