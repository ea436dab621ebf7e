import type { RecordedRequest } from './fake-vendor-server.js';

/**
 * What a JSON API reads from any request, before the headers that are its own: method, raw path, the query
 * in any order of names (values of one name keep theirs) and the decoded JSON body (null when there is none).
 * A pack's `meaning()` spreads it and adds its token, version and media type.
 */
export function jsonRequestMeaning(request: RecordedRequest) {
  return {
    method: request.method,
    path: request.path,
    query: [...request.query].sort(([a], [b]) => a.localeCompare(b)),
    body: request.json ?? null,
  };
}
