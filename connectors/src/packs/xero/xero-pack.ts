import { definePack } from '../define-pack.js';
import { xeroActions } from './xero-actions.js';
import { xeroTriggers } from './xero-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="12" fill="#13b5ea"/>' +
  '<path d="M6.5 8.5l7 7M13.5 8.5l-7 7" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/><circle cx="17.3" cy="12" r="1.9" fill="#fff"/></svg>';

const leaveAsIs = 'Leave as is; change only for a proxy or a test server.';

/**
 * Xero Accounting API 2.0 (developer.xero.com/documentation/api/accounting): contacts, invoices and
 * payments, and invoice and contact webhooks. Connected with Xero's OAuth 2.0 (offline_access for a refresh
 * token; refresh tokens rotate and the new one is kept); each step chooses one of the connection's
 * organisations. Answers are asked for as JSON (Xero's default is XML).
 */
export const xeroPack = definePack({
  id: 'xero',
  name: 'Xero',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create contacts, invoices and payments and find contacts; start recipes from invoice and contact webhooks.',
  homepage: 'https://www.xero.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.authorization_url}}',
    tokenUrl: '{{connection.token_url}}',
    scopes: ['offline_access', 'accounting.transactions', 'accounting.contacts'],
    // Xero's token endpoint takes the client id and secret as HTTP Basic; PKCE (S256) is supported too.
    clientAuth: 'basic',
    fields: [
      {
        key: 'client_id',
        label: 'Client id',
        required: true,
        description: "developer.xero.com → My Apps → New app (Web app); add this server's OAuth callback URL as the redirect URI.",
      },
      { key: 'client_secret', label: 'Client secret', required: true, secret: true, description: 'Generated under the app\'s Configuration.' },
      {
        key: 'webhook_key',
        label: 'Webhooks key',
        secret: true,
        description: 'Only for the webhook trigger: the app\'s Webhooks page → Webhooks key.',
      },
      { key: 'base_url', label: 'Accounting API base URL', type: 'url', required: true, default: 'https://api.xero.com/api.xro/2.0', advanced: true, description: leaveAsIs },
      {
        key: 'connections_url',
        label: 'Connections URL',
        type: 'url',
        required: true,
        default: 'https://api.xero.com/connections',
        advanced: true,
        description: `Lists the organisations the connection may use. ${leaveAsIs}`,
      },
      { key: 'authorization_url', label: 'Authorisation URL', type: 'url', default: 'https://login.xero.com/identity/connect/authorize', advanced: true, description: leaveAsIs },
      { key: 'token_url', label: 'Token URL', type: 'url', default: 'https://identity.xero.com/connect/token', advanced: true, description: leaveAsIs },
    ],
    test: { method: 'GET', path: '{{connection.connections_url}}' },
  },
  headers: { Accept: 'application/json' },
  // 60 calls a minute per organisation (and 5,000 a day); a connection may cover several, so this is the safe pace.
  throttle: { requests: 60, perSeconds: 60 },
  // Validation: { "ErrorNumber": 10, "Type": "ValidationException", "Message", "Elements": [{ "ValidationErrors": [{ "Message" }] }] };
  // auth and tenant problems: { "Title", "Status", "Detail" }.
  errors: {
    message: 'Message',
    code: 'Type',
    byStatus: {
      '400': '{{body.Message}}: {{body.Elements[0].ValidationErrors[0].Message}}',
      '401': 'Xero refused the connection ({{body.Detail}}); reconnect it.',
      '403': 'Xero refused access to this organisation ({{body.Detail}}): it is no longer connected to the app, or the connection lacks the scope.',
      '404': 'Xero found nothing there: the id does not exist in this organisation.',
    },
  },
  actions: xeroActions,
  triggers: xeroTriggers,
});
