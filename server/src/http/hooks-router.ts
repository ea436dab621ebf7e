import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { readCappedBody } from './read-capped-body.js';
import { isUnavailable } from '../storage/unavailable-error.js';

const tokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** `POST /hooks/<token>`: the per-trigger body limit is enforced before the body is read or anything else runs. */
export function hooksRouter(deps: AppDeps) {
  const router = new Hono();

  const answer = (c: Context, status: number, body: unknown) => {
    deps.metrics.webhookAnswered(status);
    // A pack trigger with emptyReply answers with the status alone.
    return body === undefined ? c.body(null, status as 200) : c.json(body, status as 200);
  };

  router.post('/hooks/:token', async (c) => {
    if (!deps.accepting()) {
      c.header('Retry-After', '5');
      return answer(c, 503, { error: { code: 'SHUTTING_DOWN', message: 'the server is restarting; send again shortly' } });
    }
    const token = c.req.param('token');
    const hook = tokenPattern.test(token) ? await deps.webhooks.lookup(token) : null;
    const packHook = !hook && deps.packWebhooks && tokenPattern.test(token) ? await deps.packWebhooks.lookup(token) : null;
    if (!hook && !packHook) return answer(c, 404, { error: { code: 'WEBHOOK_NOT_FOUND', message: 'no live recipe listens at this address' } });
    const limit = hook ? hook.config.maxBodyBytes : packHook!.maxBodyBytes;
    const tooLarge = () =>
      answer(c, 413, { error: { code: 'BODY_TOO_LARGE', message: `the body is over this webhook's limit of ${limit} bytes` } });
    // On the Node server, read the socket directly: building a web Request per delivery was a tenth of the CPU.
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const headers = incoming ? nodeHeaders(incoming) : Object.fromEntries(c.req.raw.headers);
    if (Number(headers['content-length'] ?? 0) > limit) return tooLarge();
    const read = await readCappedBody(incoming ?? c.req.raw.body, limit);
    if (!read.ok) return tooLarge();
    try {
      // Twilio and HubSpot sign the URL they called: our public URL plus the query exactly as it arrived.
      const target = incoming?.url ?? c.req.url;
      const url = `${deps.publicUrl}/hooks/${token}${target.includes('?') ? target.slice(target.indexOf('?')) : ''}`;
      const delivery = { method: c.req.method, url, headers, query: c.req.query(), rawBody: read.body };
      const result = hook ? await deps.webhooks.deliver(hook, delivery) : await deps.packWebhooks!.deliver(packHook!, delivery);
      // A handshake may answer with a header (Asana's X-Hook-Secret echo).
      for (const [name, value] of Object.entries('headers' in result ? (result.headers ?? {}) : {})) c.header(name, value);
      return answer(c, result.status, result.body);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      deps.log.warn({ err: error }, 'webhook refused: the database is unavailable');
      c.header('Retry-After', '5');
      return answer(c, 503, { error: { code: 'STORAGE_UNAVAILABLE', message: 'the delivery could not be stored; send again shortly' } });
    }
  });

  router.all('/hooks/:token', (c) => apiError(c, 405, 'METHOD_NOT_ALLOWED', 'webhooks are delivered with POST'));
  return router;
}

/**
 * The request's headers as one string per name, repeated headers joined as the Fetch API does.
 * `headersDistinct` keeps repeats that `headers` would silently drop (a second Content-Type, say).
 */
export function nodeHeaders(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(incoming.headersDistinct)) {
    if (values) headers[name] = values.join(', ');
  }
  return headers;
}
