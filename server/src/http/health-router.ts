import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps } from './app-deps.js';

export function healthRouter(deps: AppDeps) {
  const router = new Hono();

  /** Alive: the process answers. Says nothing about the database on purpose (no restart loops when it is down). */
  router.get('/healthz', (c) => c.json({ status: 'ok' }));

  /** Ready: accepting work and the database answers. */
  router.get('/readyz', async (c) => {
    if (!deps.accepting()) return c.json({ status: 'draining' }, 503);
    try {
      await sql`select 1`.execute(deps.database.db);
      return c.json({ status: 'ready', database: deps.database.dialect });
    } catch (error) {
      deps.log.warn({ err: error }, 'readiness check: database unavailable');
      return c.json({ status: 'database unavailable' }, 503);
    }
  });

  router.get('/metrics', async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
  });

  return router;
}
