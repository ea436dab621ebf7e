import { createMiddleware } from 'hono/factory';
import { apiError } from '../api-error.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing API calls must be JSON and must not come from another site: a form or a `text/plain`
 * fetch from a hostile page cannot produce `application/json` without a CORS preflight, and browsers
 * tell us the initiator through `Sec-Fetch-Site` and `Origin`.
 */
export function sameOrigin(publicUrl: string) {
  const allowedOrigin = new URL(publicUrl).origin;
  return createMiddleware(async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') {
      return apiError(c, 403, 'CROSS_SITE_REQUEST', 'cross-site requests cannot change anything');
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== allowedOrigin && origin !== new URL(c.req.url).origin) {
      return apiError(c, 403, 'CROSS_SITE_REQUEST', `requests from ${origin.slice(0, 100)} cannot change anything`);
    }
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    // A declared non-JSON type is refused even with an empty body: a field-less cross-site form sends Content-Length: 0.
    if ((hasBody || type !== undefined) && type !== 'application/json') {
      return apiError(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    }
    return next();
  });
}
