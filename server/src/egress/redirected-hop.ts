import { parseEgressUrl } from './parse-egress-url.js';

/** One request on the way through a redirect chain. */
export interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** Lower-case names of the caller's own credential headers, dropped with the standard ones. */
  credentialHeaders?: ReadonlySet<string>;
}

export const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

// Credentials are meant for the origin the caller named, not for wherever it redirects to.
const credentialHeaders = new Set(['authorization', 'cookie', 'proxy-authorization']);
const bodyHeaders = new Set(['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']);

/** The next request of a redirect chain, with the Fetch standard's rules for method, body and headers. */
export function redirectedHop(hop: Hop, status: number, location: string): Hop {
  const url = parseEgressUrl(location, hop.url);
  const becomesGet = (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
  const crossOrigin = url.origin !== hop.url.origin;
  const headers = Object.fromEntries(
    Object.entries(hop.headers).filter(([name]) => {
      const lower = name.toLowerCase();
      const credential = credentialHeaders.has(lower) || hop.credentialHeaders?.has(lower) === true;
      return !(crossOrigin && credential) && !(becomesGet && bodyHeaders.has(lower));
    }),
  );
  return becomesGet ? { url, method: 'GET', headers, body: undefined } : { ...hop, url, headers };
}
