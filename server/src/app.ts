import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { apiError } from './http/api-error.js';
import type { AppDeps } from './http/app-deps.js';
import { approvalsRouter } from './http/approvals-router.js';
import { auditRouter } from './http/audit-router.js';
import { authRouter } from './http/auth-router.js';
import { connectionsRouter } from './http/connections-router.js';
import { choicesRouter } from './http/choices-router.js';
import { createRouter } from './http/create-router.js';
import { healthRouter } from './http/health-router.js';
import { integrationHealthRouter } from './http/integration-health-router.js';
import { hooksRouter } from './http/hooks-router.js';
import { outgoingHooksRouter } from './http/outgoing-hooks-router.js';
import { packsRouter } from './http/packs-router.js';
import { authenticate } from './http/middleware/authenticate.js';
import { limitJsonDepth } from './http/middleware/json-depth.js';
import { sameOrigin } from './http/middleware/same-origin.js';
import { recipesRouter } from './http/recipes-router.js';
import { recipeInvokeRouter } from './http/recipe-invoke-router.js';
import { recipeTestingRouter } from './http/recipe-testing-router.js';
import { runsRouter } from './http/runs-router.js';
import { storageRouter } from './http/storage-router.js';
import { testHooksRouter } from './http/test-hooks-router.js';
import { triggersRouter } from './http/triggers-router.js';
import { isUnavailable } from './storage/unavailable-error.js';
import { usersRouter } from './http/users-router.js';

const apiBodyLimit = 2 * 1024 * 1024;

/** Builds the whole HTTP surface. Never listens: main.ts serves it, tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return apiError(c, error.status as 400, error.status === 400 ? 'MALFORMED_REQUEST' : 'HTTP_ERROR', error.message || 'bad request');
    }
    if (isUnavailable(error)) {
      c.header('Retry-After', '5');
      return apiError(c, 503, 'STORAGE_UNAVAILABLE', 'storage is unavailable; try again shortly');
    }
    const requestId = crypto.randomUUID();
    deps.log.error({ err: error, requestId, path: c.req.path }, 'request failed');
    return apiError(c, 500, 'INTERNAL', `something went wrong on our side (request ${requestId}); the server log has details`);
  });
  app.notFound((c) => apiError(c, 404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));

  app.route('/', healthRouter(deps));
  app.route('/', hooksRouter(deps));
  app.route('/', testHooksRouter(deps));
  app.route('/', approvalsRouter(deps));

  const api = createRouter();
  api.use(
    '*',
    bodyLimit({ maxSize: apiBodyLimit, onError: (c) => apiError(c, 413, 'BODY_TOO_LARGE', `API bodies are limited to ${apiBodyLimit} bytes`) }),
  );
  api.use('*', sameOrigin(deps.publicUrl));
  api.use('*', limitJsonDepth);
  api.use('*', authenticate(deps.database.db, deps.now, deps.localPrincipal));
  api.route('/', authRouter(deps));
  api.route('/', recipesRouter(deps));
  api.route('/', recipeInvokeRouter(deps));
  api.route('/', recipeTestingRouter(deps));
  api.route('/', runsRouter(deps));
  api.route('/', usersRouter(deps));
  api.route('/', triggersRouter(deps));
  api.route('/', storageRouter(deps));
  api.route('/', auditRouter(deps));
  api.route('/', packsRouter(deps));
  api.route('/', connectionsRouter(deps));
  api.route('/', integrationHealthRouter(deps));
  api.route('/', choicesRouter(deps));
  api.route('/', outgoingHooksRouter(deps));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Switchyard API', version: '1.0.0', description: 'Recipes, runs, users, tokens and the audit log of a Switchyard server.' },
    servers: [{ url: `${deps.publicUrl}/api/v1` }],
  });
  app.route('/api/v1', api);

  if (deps.webRoot && existsSync(join(deps.webRoot, 'index.html'))) {
    const index = readFileSync(join(deps.webRoot, 'index.html'), 'utf8');
    app.use('/*', serveStatic({ root: deps.webRoot }));
    // The builder is a single-page app: unknown paths outside the API get its page; API clients expect JSON,
    // so an unknown path under /api/ stays a 404 error instead of a 200 HTML page.
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? apiError(c, 404, 'NOT_FOUND', `no route GET ${c.req.path}`) : c.html(index)));
  }
  return app;
}
