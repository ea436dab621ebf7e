import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditRepo } from '../storage/audit-repo.js';
import { maintenanceRepo } from '../storage/maintenance-repo.js';
import type { AppDeps } from './app-deps.js';
import { createRouter } from './create-router.js';
import { requireRole } from './middleware/authenticate.js';
import { jsonResponse, standardErrors } from './openapi-shapes.js';

const sweepSchema = z.object({
  runsByAge: z.number(),
  runsBySize: z.number(),
  inbox: z.number(),
  auditEntries: z.number().describe('audit entries past the audit retention'),
  loginAttempts: z.number().describe('failed sign-ins older than a day'),
  hookDeliveries: z.number().describe('finished outgoing hook deliveries past the retention'),
  bytesBefore: z.number(),
  bytesAfter: z.number(),
  at: z.number(),
});

const storageSchema = z.object({
  dialect: z.enum(['sqlite', 'postgres']),
  bytes: z.number().describe('size of the database'),
  runs: z.number(),
  runSteps: z.number(),
  inbox: z.number(),
  jobs: z.number(),
  retentionDays: z.number(),
  maxBytes: z.number().describe('0 = no size limit'),
  lastSweep: sweepSchema.nullable(),
});

/** Storage use and housekeeping (DESIGN §4.7). */
export function storageRouter(deps: AppDeps) {
  const router = createRouter();
  const { database, housekeeper, now } = deps;

  const usage = async () => ({
    dialect: database.dialect,
    bytes: await maintenanceRepo.databaseBytes(database),
    ...(await maintenanceRepo.counts(database.db)),
    retentionDays: housekeeper.options.retentionDays,
    maxBytes: housekeeper.options.maxDatabaseBytes,
    lastSweep: housekeeper.lastSweep,
  });

  router.openapi(
    createRoute({
      method: 'get',
      path: '/system/storage',
      tags: ['storage'],
      middleware: [requireRole('viewer')],
      responses: { 200: jsonResponse(storageSchema, 'how much is stored, and the retention settings'), ...standardErrors },
    }),
    async (c) => c.json(await usage(), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/system/storage/sweep',
      tags: ['storage'],
      summary: 'Apply retention now (normally done every 10 minutes)',
      middleware: [requireRole('owner')],
      responses: { 200: jsonResponse(z.object({ sweep: sweepSchema, storage: storageSchema }), 'what was removed'), ...standardErrors },
    }),
    async (c) => {
      const sweep = await housekeeper.sweep();
      const { runsByAge, runsBySize, inbox, auditEntries, loginAttempts, hookDeliveries, bytesBefore, bytesAfter } = sweep;
      const details = { runsByAge, runsBySize, inbox, auditEntries, loginAttempts, hookDeliveries, bytesBefore, bytesAfter };
      await auditRepo.record(database.db, { actor: c.get('principal'), action: 'storage.sweep', targetId: null, details }, now());
      return c.json({ sweep, storage: await usage() }, 200);
    },
  );

  return router;
}
