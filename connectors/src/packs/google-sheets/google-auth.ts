/**
 * Google's OAuth 2.0 for web server apps (developers.google.com/identity/protocols/oauth2/web-server), shared
 * by the Google packs: `access_type=offline` returns a refresh token, `prompt=consent` makes Google return it
 * again when a user reconnects, and PKCE (S256) is supported. The endpoints are advanced connection fields
 * (so a proxy or a test server can stand in), like each pack's API base URL.
 */
export function googleAuth(options: { scopes: string[]; apiFields: { key: string; label: string; default: string }[]; test: { path: string } }) {
  return {
    kind: 'oauth2' as const,
    authorizationUrl: '{{connection.authorization_url}}',
    tokenUrl: '{{connection.token_url}}',
    scopes: options.scopes,
    clientAuth: 'body' as const,
    authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    fields: [
      {
        key: 'client_id',
        label: 'OAuth client ID',
        required: true,
        placeholder: '1234-abc.apps.googleusercontent.com',
        description:
          'Google Cloud console → APIs & Services → Credentials → Create credentials → OAuth client ID (type "Web application"); add this server\'s OAuth callback URL as an authorised redirect URI.',
      },
      { key: 'client_secret', label: 'OAuth client secret', required: true, secret: true, description: 'Shown beside the client ID in the Google Cloud console.' },
      ...options.apiFields.map((field) => ({ ...field, type: 'url' as const, advanced: true, description: 'Leave as is; change only for a proxy or a test server.' })),
      { key: 'authorization_url', label: 'Authorisation URL', type: 'url' as const, advanced: true, default: 'https://accounts.google.com/o/oauth2/v2/auth', description: 'Leave as is; change only for a proxy or a test server.' },
      { key: 'token_url', label: 'Token URL', type: 'url' as const, advanced: true, default: 'https://oauth2.googleapis.com/token', description: 'Leave as is; change only for a proxy or a test server.' },
    ],
    test: { method: 'GET' as const, path: options.test.path },
  };
}

/** Google's JSON error body: `{ "error": { "code": 403, "message": "…", "status": "PERMISSION_DENIED" } }`. */
export const googleErrors = {
  message: 'error.message',
  code: 'error.status',
  byStatus: {
    '401': 'Google refused the connection (HTTP 401: {{body.error.message}}); reconnect the account.',
    '403': 'Google refused the request: {{body.error.message}} (check the connection\'s scopes and that the API is enabled in the Google Cloud project).',
    '404': 'Google found nothing there: {{body.error.message}}',
  },
};
