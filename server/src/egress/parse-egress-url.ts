import { EgressError } from './egress-error.js';

/**
 * Parses a request or redirect target (relative to `base`) and refuses what the egress client
 * never sends: other schemes, and credentials in the URL (they would leak into logs and messages).
 */
export function parseEgressUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new EgressError('EGRESS_BAD_URL', 'invalid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EgressError('EGRESS_BAD_URL', `unsupported URL scheme ${url.protocol} (only http: and https:)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new EgressError('EGRESS_BAD_URL', `credentials in the URL for ${url.origin} are not allowed; send them in a header`);
  }
  return url;
}
