import { definePack } from '../define-pack.js';
import { hubspotActions } from './hubspot-actions.js';
import { hubspotTriggers } from './hubspot-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="12" fill="#ff7a59"/>' +
  '<g fill="none" stroke="#fff" stroke-width="2"><circle cx="14" cy="14" r="3.2"/><path d="M14 10.8V6.5M16.4 16.4l2.6 2.6M11.3 12.2L6.5 8.5"/></g>' +
  '<circle cx="14" cy="5.5" r="1.5" fill="#fff"/><circle cx="6" cy="8" r="1.5" fill="#fff"/></svg>';

// What the actions and triggers read and write (https://developers.hubspot.com/docs/api/scopes); `oauth` is
// required of every app. Notes are written under the scopes of the records they are logged on.
const scopes = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
];

/**
 * HubSpot (https://developers.hubspot.com/docs/api/overview): CRM records, associations and notes, with
 * webhook deliveries and CRM-search polls as triggers. Connected through a public app's OAuth (HubSpot
 * documents no PKCE; the client id and secret go in the token form) or with a private app's access token.
 * HubSpot offers no idempotency key on these endpoints.
 */
export const hubspotPack = definePack({
  id: 'hubspot',
  name: 'HubSpot',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create, update and find contacts, companies and deals, associate records and log notes; start recipes from webhooks or new and changed records.',
  homepage: 'https://www.hubspot.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'oauth2',
    grant: 'authorization_code',
    authorizationUrl: '{{connection.app_url}}/oauth/authorize',
    tokenUrl: '{{connection.base_url}}/oauth/v1/token',
    scopes,
    scopeSeparator: ' ',
    pkce: false,
    clientAuth: 'body',
    pasteToken: {
      label: 'Private app access token',
      description: 'Instead of a public app: HubSpot → Settings → Integrations → Private apps → your app → Access token (pat-…). Give the app the CRM scopes for contacts, companies and deals.',
    },
    fields: [
      { key: 'client_id', label: 'Client ID', description: "Your HubSpot public app → Auth → Client ID. Not needed with a private app's token." },
      {
        key: 'client_secret',
        label: 'Client secret',
        secret: true,
        description: "The app's client secret (Auth tab). HubSpot also signs webhook deliveries with it, so the Webhook event trigger needs it with either kind of app.",
      },
      {
        key: 'base_url',
        label: 'API base URL',
        type: 'url',
        required: true,
        default: 'https://api.hubapi.com',
        advanced: true,
        description: 'Change only for a proxy or a test server.',
      },
      {
        key: 'app_url',
        label: 'Sign-in base URL',
        type: 'url',
        required: true,
        default: 'https://app.hubspot.com',
        advanced: true,
        description: 'Where OAuth sign-in happens (https://app-eu1.hubspot.com for EU accounts also works with the default).',
      },
    ],
    test: { method: 'GET', path: '/crm/v3/objects/contacts', query: { limit: '1' } },
  },
  headers: { Accept: 'application/json' },
  // HubSpot allows 100 requests per 10 seconds per app and account (190 on paid tiers); the search
  // endpoints 5 a second, which the polls and finds stay under at this pace.
  throttle: { requests: 50, perSeconds: 10 },
  // Error bodies: { status: "error", message, correlationId, category, errors?: [...] }.
  errors: {
    message: 'message',
    code: 'category',
    byStatus: {
      '401': 'HubSpot refused the token ({{body.message}}); reconnect, or paste a new private app token.',
      '403': 'HubSpot: {{body.message}} The app or token lacks a scope this step needs.',
      '404': 'HubSpot found no such record ({{body.message}}).',
      '409': 'HubSpot: {{body.message}} (a record with this unique value already exists).',
      '429': 'HubSpot rate limit reached ({{body.message}}); try again in a few seconds.',
    },
  },
  actions: hubspotActions,
  triggers: hubspotTriggers,
});
