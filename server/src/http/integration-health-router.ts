import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { alertSettingsSchema, healthAlertSchema, integrationHealthSchema } from '../contracts/integration-health.js';
import { readAlertSettings, writeAlertSettings } from '../health/alert-settings.js';
import { checkIntegrationHealth } from '../health/health-monitor.js';
import { readIntegrationHealth } from '../health/integration-health.js';
import { connectionRepo } from '../storage/connection-repo.js';
import { invalid } from './api-error.js';
import type { AppDeps } from './app-deps.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { errorResponse, jsonBody, jsonResponse, standardErrors } from './openapi-shapes.js';

/** Integration health: per connection and per live trigger, the alerts raised, and who is mailed about them. */
export function integrationHealthRouter(deps: AppDeps) {
  const router = createRouter();
  const monitor = deps.health;

  router.openapi(
    createRoute({
      method: 'get',
      path: '/integrations/health',
      tags: ['health'],
      summary: 'Each connection and live trigger: last event, events and failures per day, refresh state, and flags',
      middleware: [requireRole('viewer')],
      responses: { 200: jsonResponse(integrationHealthSchema, 'the health view'), ...standardErrors },
    }),
    async (c) => c.json(await readIntegrationHealth(monitor), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/integrations/health/check',
      tags: ['health'],
      summary: 'Run the alert check now (it also runs every five minutes): raise and mail new alerts, clear resolved ones',
      middleware: [requireRole('owner')],
      responses: {
        200: jsonResponse(z.object({ raised: z.array(healthAlertSchema), cleared: z.number().int() }), 'what this check changed'),
        ...standardErrors,
      },
    }),
    async (c) => c.json(await checkIntegrationHealth(monitor), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/integrations/alert-settings',
      tags: ['health'],
      middleware: [requireRole('owner')],
      responses: { 200: jsonResponse(alertSettingsSchema, 'the SMTP account alerts go through and who receives them'), ...standardErrors },
    }),
    async (c) => c.json(await readAlertSettings(deps.database.db), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/integrations/alert-settings',
      tags: ['health'],
      middleware: [requireRole('owner')],
      request: { body: jsonBody(alertSettingsSchema) },
      responses: {
        200: jsonResponse(alertSettingsSchema, 'saved'),
        422: errorResponse('the connection is not an SMTP account'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const settings = c.req.valid('json');
      if (settings.smtpConnectionId !== null) {
        const account = await connectionRepo.get(deps.database.db, settings.smtpConnectionId);
        if (account?.pack_id !== 'smtp') {
          return invalid(c, [{ path: '/smtpConnectionId', message: account ? `connection "${account.name}" is not an SMTP account` : 'no such connection' }]);
        }
      }
      await writeAlertSettings(deps.database.db, settings);
      return c.json(settings, 200);
    },
  );

  return router;
}
