import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OAuth2Auth } from '@switchyard/connectors';

/**
 * Checks an OAuth callback the provider signed (`auth.callbackSignature`, Shopify's `hmac`): HMAC-SHA256 with
 * the client secret over every other parameter, sorted by name and form-encoded. False without a secret.
 */
export function callbackSignatureMatches(spec: NonNullable<OAuth2Auth['callbackSignature']>, clientSecret: string | undefined, query: Record<string, string>): boolean {
  const provided = query[spec.param];
  if (clientSecret === undefined || provided === undefined) return false;
  const signed = new URLSearchParams(
    Object.entries(query)
      .filter(([name]) => name !== spec.param)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ).toString();
  const expected = createHmac('sha256', clientSecret).update(signed).digest();
  const given = Buffer.from(provided, spec.encoding);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
