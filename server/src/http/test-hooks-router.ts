import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { captureTestDelivery, testDeliveryTarget } from '../triggers/testing/capture-test-delivery.js';
import { testTriggerStore } from '../triggers/testing/test-trigger-store.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { nodeHeaders } from './hooks-router.js';
import { readCappedBody } from './read-capped-body.js';

const tokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** `POST /hooks/test/<token>`: a builder's test URL; deliveries are checked like real ones (a pack trigger's with its connection's secret), kept, and start no run. */
export function testHooksRouter(deps: AppDeps) {
  const router = new Hono();

  router.post('/hooks/test/:token', async (c) => {
    const token = c.req.param('token');
    const listener = tokenPattern.test(token) ? await testTriggerStore.lookup(deps.database, token, deps.now()) : null;
    if (!listener) return apiError(c, 404, 'TEST_URL_NOT_FOUND', 'this test URL does not exist or has expired; start a new test in the builder');
    const target = await testDeliveryTarget(deps.triggers, listener.recipeId);
    if (!target) return apiError(c, 409, 'NOT_A_WEBHOOK_RECIPE', "the recipe's trigger takes no webhook deliveries any more");
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const headers = incoming ? nodeHeaders(incoming) : Object.fromEntries(c.req.raw.headers);
    const read = Number(headers['content-length'] ?? 0) > target.maxBodyBytes ? { ok: false as const } : await readCappedBody(incoming ?? c.req.raw.body, target.maxBodyBytes);
    if (!read.ok) return apiError(c, 413, 'BODY_TOO_LARGE', `the body is over this webhook's limit of ${target.maxBodyBytes} bytes`);
    const called = incoming?.url ?? c.req.url;
    const url = `${deps.publicUrl}/hooks/test/${token}${called.includes('?') ? called.slice(called.indexOf('?')) : ''}`;
    const result = await captureTestDelivery(deps.triggers, listener, target, { method: 'POST', url, headers, query: c.req.query(), rawBody: read.body });
    return c.json(result.body, result.status as 200);
  });

  router.all('/hooks/test/:token', (c) => apiError(c, 405, 'METHOD_NOT_ALLOWED', 'webhooks are delivered with POST'));
  return router;
}
