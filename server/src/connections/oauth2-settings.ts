import type { OAuth2Auth, PackManifest } from '@switchyard/connectors';
import { TemplateError } from '../templates/index.js';
import { ConnectionError } from './connection-error.js';
import { renderBaseUrl } from './render-request.js';
import { VendorError } from './vendor-error.js';

export interface OAuth2Settings {
  auth: OAuth2Auth;
  tokenUrl: string;
  /** Set when the pack has one (the authorization code grant). */
  authorizationUrl: string | undefined;
  clientId: string;
  clientSecret: string | undefined;
}

/**
 * The pack's OAuth2 settings with URLs rendered over the connection's fields (`{{connection.subdomain}}`).
 * Throws `ConnectionError` when a URL cannot be filled in or the client id is missing.
 */
export function oauth2Settings(pack: PackManifest, fields: Record<string, unknown>): OAuth2Settings {
  const auth = pack.auth;
  if (auth.kind !== 'oauth2') throw new ConnectionError('NEEDS_REAUTH', `pack ${pack.id} does not use OAuth2`);
  const clientId = fields['client_id'];
  if (typeof clientId !== 'string' || clientId === '') {
    throw new ConnectionError('NEEDS_REAUTH', 'the connection has no client_id; edit the connection and enter one');
  }
  const secret = fields['client_secret'];
  return {
    auth,
    tokenUrl: oauthUrl('tokenUrl', auth.tokenUrl, fields),
    authorizationUrl: auth.authorizationUrl === undefined ? undefined : oauthUrl('authorizationUrl', auth.authorizationUrl, fields),
    clientId,
    clientSecret: typeof secret === 'string' && secret !== '' ? secret : undefined,
  };
}

/**
 * Filled in by the vendor client's rule for `baseUrl`: a template at the very start stands for a whole
 * origin, any other value is one encoded word, so `https://{{connection.subdomain}}.example.com/oauth/token`
 * cannot name another host. The URL itself stays out of messages: it may carry connection values.
 */
function oauthUrl(name: string, template: string, fields: Record<string, unknown>): string {
  let text: string;
  try {
    text = renderBaseUrl(template, { connection: fields });
  } catch (error) {
    if (!(error instanceof VendorError || error instanceof TemplateError)) throw error;
    throw new ConnectionError('AUTH_MISCONFIGURED', `the pack's ${name} cannot be filled in from the connection's fields: ${error.message}`);
  }
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConnectionError('AUTH_MISCONFIGURED', `the pack's ${name} is not a valid http(s) URL once filled in from the connection's fields; check the connection's fields`);
  }
  return url.href;
}
