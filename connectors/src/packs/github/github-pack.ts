import { definePack } from '../define-pack.js';
import { githubActions } from './github-actions.js';
import { githubTriggers } from './github-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#1f2328" d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z"/></svg>';

/**
 * GitHub (https://docs.github.com/rest): issues, comments, labels, files and releases, and repository
 * webhooks as triggers. Connected through an OAuth app (scope `repo`, which also covers repository
 * webhooks) or with a pasted personal access token. Every call names REST API version 2022-11-28 and the
 * JSON media type GitHub recommends; GitHub refuses calls without a User-Agent.
 */
export const githubPack = definePack({
  id: 'github',
  name: 'GitHub',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create and find issues, comment, label, commit files and publish releases; start recipes from repository events.',
  homepage: 'https://github.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.web_url}}/login/oauth/authorize',
    tokenUrl: '{{connection.web_url}}/login/oauth/access_token',
    scopes: ['repo'],
    // GitHub documents client_id and client_secret as parameters of the token request.
    clientAuth: 'body',
    pasteToken: {
      label: 'Personal access token',
      description:
        'Instead of an OAuth app: GitHub → Settings → Developer settings → Personal access tokens. A classic token needs the repo scope; a fine-grained one needs Issues, Contents and Webhooks (read and write) on the repositories you use.',
    },
    fields: [
      {
        key: 'webhook_secret',
        label: 'Webhook secret',
        secret: true,
        description: 'Only for the "Webhook event" trigger: the Secret you enter when adding the webhook on GitHub. Make up a long random text.',
      },
      {
        key: 'base_url',
        label: 'API base URL',
        type: 'url',
        required: true,
        default: 'https://api.github.com',
        advanced: true,
        description: 'Leave as is for github.com; GitHub Enterprise Server: https://HOSTNAME/api/v3. Change only for that, a proxy or a test server.',
      },
      {
        key: 'web_url',
        label: 'Sign-in base URL',
        type: 'url',
        required: true,
        default: 'https://github.com',
        advanced: true,
        description: 'Where OAuth sign-in happens: https://github.com, or https://HOSTNAME for GitHub Enterprise Server.',
      },
    ],
    test: { method: 'GET', path: '/user' },
  },
  headers: {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    'User-Agent': 'Switchyard',
  },
  // GitHub's secondary rate limit: at most 80 content-creating requests a minute (and 5,000 requests an hour
  // in all, about the same pace); spacing every call keeps a busy recipe under both.
  throttle: { requests: 80, perSeconds: 60 },
  // Error bodies: { "message": "...", "documentation_url": "..." }; 422 adds "errors": [{ resource, field, code }] or texts.
  errors: {
    message: 'message',
    code: 'errors[0].code',
    byStatus: {
      '401': 'GitHub refused the token ({{body.message}}); reconnect, or paste a new personal access token.',
      '404': '{{body.message}}: the repository, issue or file does not exist, or this connection cannot see it (private repositories need the repo scope or access for the token).',
      '422': "{{body.message}} {{body.errors | join: '; '}}",
    },
  },
  actions: githubActions,
  triggers: githubTriggers,
});
