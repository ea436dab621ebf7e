import { definePack } from '../define-pack.js';
import { quickbooksActions } from './quickbooks-actions.js';
import { minorversion } from './quickbooks-query.js';
import { quickbooksTriggers } from './quickbooks-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="12" fill="#2ca01c"/>' +
  '<path d="M9.5 7H8a5 5 0 0 0 0 10h1.5v-2H8a3 3 0 0 1 0-6h1.5zM10.5 19h2V7H11v12zM14.5 17H16a5 5 0 0 0 0-10h-1.5v2H16a3 3 0 0 1 0 6h-1.5z" fill="#fff"/></svg>';

const leaveAsIs = 'Leave as is; change only for a proxy or a test server.';

// Most failures are { "Fault": { "Error": [{ "Message", "Detail", "code" }], "type" } }; the sentence names the first error.
const fault = '{{body.Fault.Error[0].Message}}: {{body.Fault.Error[0].Detail}}';

/**
 * QuickBooks Online Accounting API v3 (developer.intuit.com/app/developer/qbo/docs): customers, invoices,
 * sales receipts and payments of one company. Connected with Intuit's OAuth 2.0 (the company's realmId comes
 * back on the callback and is part of every URL; refresh tokens rotate and the new one is kept). Every
 * request asks for JSON and pins the minor version.
 */
export const quickbooksPack = definePack({
  id: 'quickbooks',
  name: 'QuickBooks Online',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create customers, invoices and sales receipts, find customers and email invoices; start recipes on new invoices, customers and payments.',
  homepage: 'https://quickbooks.intuit.com',
  icon,
  baseUrl: '{{connection.base_url}}/v3/company/{{connection.realmId}}',
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.authorization_url}}',
    tokenUrl: '{{connection.token_url}}',
    scopes: ['com.intuit.quickbooks.accounting'],
    // Intuit's web-server flow documents client_id, scope, redirect_uri, response_type and state, and no PKCE.
    pkce: false,
    // The token request authenticates the app with HTTP Basic (client id and secret), as Intuit documents.
    clientAuth: 'basic',
    capture: { fromCallback: { realmId: 'realmId' } },
    fields: [
      {
        key: 'client_id',
        label: 'Client ID',
        required: true,
        description: "developer.intuit.com → your app → Keys & credentials (Production or Development); add this server's OAuth callback URL as a redirect URI there.",
      },
      { key: 'client_secret', label: 'Client secret', required: true, secret: true, description: 'Shown beside the client ID.' },
      {
        key: 'base_url',
        label: 'API host',
        type: 'url',
        required: true,
        default: 'https://quickbooks.api.intuit.com',
        advanced: true,
        description: 'https://quickbooks.api.intuit.com for real companies; https://sandbox-quickbooks.api.intuit.com for a sandbox company (with Development keys).',
      },
      { key: 'authorization_url', label: 'Authorisation URL', type: 'url', default: 'https://appcenter.intuit.com/connect/oauth2', advanced: true, description: leaveAsIs },
      { key: 'token_url', label: 'Token URL', type: 'url', default: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer', advanced: true, description: leaveAsIs },
    ],
    test: { method: 'GET', path: '/companyinfo/{{connection.realmId}}', query: { minorversion } },
  },
  headers: { Accept: 'application/json' },
  // 500 requests a minute per company (Intuit's throttle for the Accounting API).
  throttle: { requests: 500, perSeconds: 60 },
  errors: {
    message: 'Fault.Error[0].Detail',
    code: 'Fault.Error[0].code',
    byStatus: {
      '400': fault,
      // The authentication fault is spelled in lower case: { "fault": { "error": [{ "message", "detail", "code": "3200" }] } }.
      '401': 'QuickBooks refused the connection ({{body.fault.error[0].detail}}); reconnect it.',
      '403': `${fault} (the connected user may lack access to this, or the company's subscription does not include it).`,
      '404': 'QuickBooks found nothing there: the Id does not exist in this company.',
      '500': fault,
    },
  },
  actions: quickbooksActions,
  triggers: quickbooksTriggers,
});
