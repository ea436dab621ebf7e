import type { OAuth2Auth } from '@switchyard/connectors';
import { readBodyPath } from './read-body-path.js';

/**
 * The values a pack keeps after authorising (`capture`): paths into the token response and parameters of
 * the callback query. Missing values are left out, so a refresh that omits one keeps the earlier value.
 */
export function captureValues(
  capture: OAuth2Auth['capture'],
  sources: { token?: Record<string, unknown>; callback?: Record<string, string> },
): Record<string, unknown> {
  const captured: Record<string, unknown> = {};
  for (const [key, path] of Object.entries(capture?.fromToken ?? {})) {
    const value = sources.token ? readBodyPath(sources.token, path) : undefined;
    if (value !== undefined && value !== null) captured[key] = value;
  }
  for (const [key, parameter] of Object.entries(capture?.fromCallback ?? {})) {
    const value = sources.callback?.[parameter];
    if (value !== undefined && value !== '') captured[key] = value;
  }
  return captured;
}
