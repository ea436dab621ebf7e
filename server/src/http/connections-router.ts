import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { html } from 'hono/html';
import { z } from 'zod';
import { connectionChangesSchema, connectionViewSchema, newConnectionSchema } from '../contracts/connection.js';
import type { Refusal } from '../connections/connection-service.js';
import { ConnectionError } from '../connections/connection-error.js';
import { principalFromSession, sessionCookie } from '../security/authenticate.js';
import { roleAllows } from '../security/roles.js';
import type { ApiEnv } from './api-env.js';
import type { AppDeps } from './app-deps.js';
import { apiError } from './api-error.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, idParam, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';

const notFound = { 404: errorResponse('no such connection') };
const skipTestQuery = z.object({
  skipTest: z.enum(['true', 'false']).optional().describe('owners only: save without running the pack\'s test request'),
});

// Saving unchecked credentials is for owners only: an editor's typo should meet the vendor's answer.
const skipTestForOwners = createMiddleware<ApiEnv>(async (c, next) => {
  if (c.req.query('skipTest') === 'true' && !roleAllows(c.get('principal').role, 'owner')) {
    return apiError(c, 403, 'FORBIDDEN', 'only owners may save without the test request (skipTest)');
  }
  return next();
});

const refused = (c: Context, refusal: Refusal) => apiError(c, refusal.status, refusal.code, refusal.message, refusal.problems);

// Opened as a popup by the web app: tell it (same origin only) how it went, then close. The values travel in
// escaped data attributes, so the script itself is constant.
const page = (title: string, message: string, connectionId = '') => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body data-ok="${connectionId ? 'true' : 'false'}" data-connection-id="${connectionId}"><h1>${title}</h1><p id="message">${message}</p>
<script>if (window.opener) { const d = document.body.dataset; window.opener.postMessage({ type: 'switchyard:oauth', ok: d.ok === 'true', connectionId: d.connectionId || undefined, message: document.getElementById('message').textContent }, location.origin); window.close(); }</script></body></html>`;

/**
 * Connections: the accounts packs call vendors with. Viewers see them without secret values; editors
 * create, change, test, authorise and delete them. The OAuth callback is public: the browser returns
 * here from the provider, and the single-use `state` it carries is the credential.
 */
export function connectionsRouter(deps: AppDeps) {
  const router = createRouter();
  const { service, authorization } = deps.connections;

  router.openapi(
    createRoute({
      method: 'get',
      path: '/connections',
      tags: ['connections'],
      middleware: [requireRole('viewer')],
      request: { query: z.object({ packId: z.string().max(64).optional() }) },
      responses: { 200: jsonResponse(z.object({ connections: z.array(connectionViewSchema) }), 'connections, oldest first; secrets only as set or not'), ...standardErrors },
    }),
    async (c) => c.json({ connections: await service.list(c.req.valid('query').packId) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/connections/{id}',
      tags: ['connections'],
      middleware: [requireRole('viewer')],
      request: { params: idParam },
      responses: { 200: jsonResponse(connectionViewSchema, 'the connection'), ...notFound, ...standardErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const connection = await service.get(id);
      return connection ? c.json(connection, 200) : apiError(c, 404, 'NOT_FOUND', `no connection ${id}`);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/connections',
      tags: ['connections'],
      summary: 'Create a connection; the pack\'s test request must pass. OAuth2 (authorization code) answers with the URL to open',
      middleware: [requireRole('editor'), skipTestForOwners],
      request: { query: skipTestQuery, body: jsonBody(newConnectionSchema) },
      responses: {
        201: jsonResponse(z.object({ connection: connectionViewSchema, authorizeUrl: z.string().optional() }), 'created'),
        422: errorResponse('invalid fields (JSON pointers under /fields), unknown pack, or the test request failed; nothing stored'),
        ...notFound,
        409: errorResponse('the pack cannot make this connection'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const outcome = await service.create(c.req.valid('json'), c.get('principal'), { skipTest: c.req.valid('query').skipTest === 'true' });
      return outcome.ok ? c.json(outcome.value, 201) : refused(c, outcome);
    },
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/connections/{id}',
      tags: ['connections'],
      summary: 'Rename or change field values; secrets left out keep their stored value, unless the edit changes where requests go (then every stored secret must be given again)',
      middleware: [requireRole('editor'), skipTestForOwners],
      request: { params: idParam, query: skipTestQuery, body: jsonBody(connectionChangesSchema) },
      responses: {
        200: jsonResponse(connectionViewSchema, 'changed'),
        ...notFound,
        409: errorResponse('changed meanwhile, or its pack is not installed'),
        422: errorResponse('invalid fields, a stored secret not given again after an address change, or the test request failed; nothing changed'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const outcome = await service.update(c.req.valid('param').id, c.req.valid('json'), c.get('principal'), { skipTest: c.req.valid('query').skipTest === 'true' });
      return outcome.ok ? c.json(outcome.value, 200) : refused(c, outcome);
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/connections/{id}',
      tags: ['connections'],
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: { 204: { description: 'deleted' }, ...notFound, 409: errorResponse('recipes use it (named in the message)'), ...standardErrors },
    }),
    async (c) => {
      const outcome = await service.remove(c.req.valid('param').id, c.get('principal'));
      return outcome.ok ? c.body(null, 204) : refused(c, outcome);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/connections/{id}/test',
      tags: ['connections'],
      summary: 'Run the pack\'s test request and record the result as the connection\'s status',
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ ok: z.boolean(), message: z.string().nullable(), connection: connectionViewSchema }), 'the test ran'),
        ...notFound,
        409: errorResponse('its pack is not installed'),
        422: errorResponse('the pack declares no test'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const outcome = await service.test(c.req.valid('param').id);
      return outcome.ok ? c.json(outcome.value, 200) : refused(c, outcome);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/connections/{id}/oauth/start',
      tags: ['connections'],
      summary: 'A new OAuth2 authorisation URL (valid 10 minutes, once) to connect or reconnect',
      middleware: [requireRole('editor')],
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ authorizeUrl: z.string() }), 'open this URL in the browser'),
        ...notFound,
        409: errorResponse('not an OAuth2 browser flow'),
        422: errorResponse('the connection lacks what the authorisation needs (e.g. a client id)'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const outcome = await service.authorize(c.req.valid('param').id, c.get('principal'));
      return outcome.ok ? c.json({ authorizeUrl: outcome.value }, 200) : refused(c, outcome);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/connections/oauth/callback',
      tags: ['connections'],
      summary: 'Where the provider sends the browser back (public: the single-use state is the credential)',
      request: {
        query: z.object({
          state: z.string().max(200).optional(),
          code: z.string().max(4000).optional(),
          error: z.string().max(200).optional(),
          format: z.enum(['html', 'json']).optional().describe('json for scripts and tests; a page otherwise'),
        }),
      },
      responses: {
        200: { description: 'connected', content: { 'text/html': { schema: z.string() }, 'application/json': { schema: z.object({ connectionId: z.string() }) } } },
        400: { description: 'refused: unknown, used or expired state, started by another user than the signed-in one, denied by the user, or the code exchange failed; nothing stored', content: { 'text/html': { schema: z.string() } } },
      },
    }),
    async (c) => {
      // Every query parameter, not only the documented ones: packs capture some (e.g. `realmId`).
      const query = c.req.query();
      const asJson = query['format'] === 'json';
      const session = getCookie(c, sessionCookie);
      const signedIn = session ? await principalFromSession(deps.database.db, session, deps.now()) : null;
      let outcome;
      try {
        outcome = await authorization.complete(query, signedIn?.userId ?? null);
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        outcome = { ok: false as const, code: error.code, message: error.message };
      }
      if (outcome.ok) {
        return asJson ? c.json({ connectionId: outcome.connectionId }, 200) : c.html(page('Connected', `"${outcome.name}" is connected — you can close this window.`, outcome.connectionId), 200);
      }
      return asJson ? apiError(c, 400, outcome.code, outcome.message) : c.html(page('Not connected', outcome.message), 400);
    },
  );

  return router;
}
