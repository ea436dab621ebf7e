import type { OAuth2Auth, PackManifest } from '@switchyard/connectors';
import { renderTemplate } from '../templates/index.js';
import { ConnectionError } from './connection-error.js';

export interface OAuth2Settings {
  auth: OAuth2Auth;
  tokenUrl: string;
  clientId: string;
  clientSecret: string | undefined;
}

/** The pack's OAuth2 settings with URLs rendered over the connection's fields (`{{connection.subdomain}}`). */
export function oauth2Settings(pack: PackManifest, fields: Record<string, unknown>): OAuth2Settings {
  const auth = pack.auth;
  if (auth.kind !== 'oauth2') throw new ConnectionError('NEEDS_REAUTH', `pack ${pack.id} does not use OAuth2`);
  const clientId = fields['client_id'];
  if (typeof clientId !== 'string' || clientId === '') {
    throw new ConnectionError('NEEDS_REAUTH', 'the connection has no client_id; edit the connection and enter one');
  }
  const secret = fields['client_secret'];
  return { auth, tokenUrl: renderUrl(auth.tokenUrl, fields), clientId, clientSecret: typeof secret === 'string' && secret !== '' ? secret : undefined };
}

export function renderUrl(template: string, fields: Record<string, unknown>): string {
  return String(renderTemplate(template, { connection: fields }));
}
