import type { Action } from '../manifest/action-schema.js';
import type { Auth } from '../manifest/auth-schema.js';
import type { PackManifest } from '../manifest/pack-manifest-schema.js';
import { implicitConnectionFields } from './implicit-connection-fields.js';

/**
 * Completes a schema-valid manifest so the runtime never re-derives a default: the connection fields the
 * auth implies are added before the declared ones, and `sideEffect` is set on every action.
 */
export function normalizePack(manifest: PackManifest): PackManifest {
  return { ...manifest, auth: withImplicitFields(manifest.auth), actions: manifest.actions.map(withSideEffect) };
}

function withImplicitFields(auth: Auth): Auth {
  if (auth.kind === 'none') return auth;
  const implied = implicitConnectionFields(auth);
  return implied.length === 0 ? auth : { ...auth, fields: [...implied, ...auth.fields] };
}

function withSideEffect(action: Action): Action {
  if (action.sideEffect !== undefined) return action;
  return { ...action, sideEffect: action.request.method !== 'GET' && action.request.method !== 'HEAD' };
}
