import type { Auth } from '@switchyard/connectors';
import { renderTemplate } from '../templates/index.js';
import type { RenderedRequest } from './render-request.js';
import type { ResolvedConnection } from './resolved-connection.js';
import { VendorError } from './vendor-error.js';

/**
 * Puts the connection's credentials where the pack's `auth` says. Values are rendered from the
 * connection's fields and go only onto the request, never into a log or an error message.
 */
export function applyAuth(packName: string, auth: Auth, connection: ResolvedConnection | undefined, request: RenderedRequest): void {
  if (auth.kind === 'none') return;
  if (!connection) throw new VendorError('CONNECTION_REQUIRED', `this step needs a ${packName} connection`);
  const render = (template: string): string => {
    const value = renderTemplate(template, { connection: connection.fields });
    return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  switch (auth.kind) {
    case 'api_key': {
      const value = render(auth.value);
      if (auth.in === 'header') request.headers[auth.name.toLowerCase()] = value;
      else request.url.searchParams.set(auth.name, value);
      return;
    }
    case 'basic':
      request.headers['authorization'] = `Basic ${Buffer.from(`${render(auth.username)}:${render(auth.password)}`).toString('base64')}`;
      return;
    case 'bearer':
      request.headers['authorization'] = `Bearer ${render(auth.token)}`;
      return;
    case 'custom':
      for (const [name, template] of Object.entries(auth.headers ?? {})) {
        const value = render(template);
        if (value !== '') request.headers[name.toLowerCase()] = value;
      }
      for (const [name, template] of Object.entries(auth.query ?? {})) {
        const value = render(template);
        if (value !== '') request.url.searchParams.set(name, value);
      }
      return;
    case 'oauth2':
      if (!connection.accessToken) throw new VendorError('NEEDS_REAUTH', `the ${packName} connection is not authorised; reconnect it`);
      if (auth.tokenHeader) request.headers[auth.tokenHeader.toLowerCase()] = connection.accessToken;
      else request.headers['authorization'] = `Bearer ${connection.accessToken}`;
      return;
  }
}
