import { definePack } from '../define-pack.js';
import { intercomActions } from './intercom-actions.js';
import { intercomTriggers } from './intercom-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#1f8ded"/>' +
  '<path d="M7 7v7M10 6v9M14 6v9M17 7v7" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/>' +
  '<path d="M6.5 17.2c3.3 2.1 7.7 2.1 11 0" stroke="#fff" stroke-width="1.8" fill="none" stroke-linecap="round"/></svg>';

/**
 * Intercom (https://developers.intercom.com): contacts, conversations, replies and tags, and webhook
 * notifications. Connected through an OAuth app (Intercom has no scopes in the URL, no PKCE and no
 * refresh: its tokens do not expire) or with a workspace access token. Every call pins API version 2.14,
 * the one `intercom-client` 7 sends.
 */
export const intercomPack = definePack({
  id: 'intercom',
  name: 'Intercom',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create and update contacts, start conversations, reply as a teammate and tag contacts; start recipes from webhook notifications.',
  homepage: 'https://www.intercom.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'oauth2',
    grant: 'authorization_code',
    authorizationUrl: '{{connection.app_url}}/oauth',
    tokenUrl: '{{connection.base_url}}/auth/eagle/token',
    pkce: false,
    clientAuth: 'body',
    pasteToken: {
      label: 'Access token',
      description: 'Instead of an OAuth app: Developer Hub → your app → Configure → Authentication → Access token. It acts for your own workspace only.',
    },
    fields: [
      { key: 'client_id', label: 'Client ID', description: "Developer Hub → your app → Basic information. Not needed with a pasted access token." },
      {
        key: 'client_secret',
        label: 'Client secret',
        secret: true,
        description: "Developer Hub → your app → Basic information. Intercom also signs webhook notifications with it, so the webhook trigger needs it either way.",
      },
      {
        key: 'base_url',
        label: 'API base URL',
        type: 'url',
        required: true,
        default: 'https://api.intercom.io',
        advanced: true,
        description: 'US workspaces: https://api.intercom.io; Europe: https://api.eu.intercom.io; Australia: https://api.au.intercom.io.',
      },
      {
        key: 'app_url',
        label: 'Sign-in base URL',
        type: 'url',
        required: true,
        default: 'https://app.intercom.com',
        advanced: true,
        description: 'Where OAuth sign-in happens. Change only for a proxy or a test server.',
      },
    ],
    test: { method: 'GET', path: '/me' },
  },
  headers: { Accept: 'application/json', 'Intercom-Version': '2.14' },
  // Intercom allows about 10,000 calls a minute per app and 25,000 per workspace, spread over 10-second windows.
  throttle: { requests: 150, perSeconds: 10 },
  // Error bodies: { type: "error.list", request_id, errors: [{ code, message, field? }] }.
  errors: {
    message: 'errors[0].message',
    code: 'errors[0].code',
    byStatus: {
      '401': 'Intercom refused the token ({{body.errors[0].message}}); reconnect, or paste a new access token.',
      '404': 'Intercom found no such record ({{body.errors[0].message}}).',
      '409': 'Intercom: {{body.errors[0].message}}',
      '429': 'Intercom rate limit reached ({{body.errors[0].message}}); try again in a few seconds.',
    },
  },
  actions: intercomActions,
  triggers: intercomTriggers,
});
