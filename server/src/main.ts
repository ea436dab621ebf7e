import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.js';
import { startChangeFeed } from './change-feed.js';
import type { Config } from './config.js';
import { createConnections } from './connections/create-connections.js';
import { startTokenSweep } from './connections/token-sweep.js';
import { createCallTally } from './connections/call-tally.js';
import { createVendorClient } from './connections/create-vendor-client.js';
import { startHealthMonitor, type HealthMonitorDeps } from './health/health-monitor.js';
import { openSecretBox } from './connections/open-secret-box.js';
import { createEgressClient } from './egress/create-egress-client.js';
import type { AppDeps } from './http/app-deps.js';
import { createMetrics } from './observability/metrics.js';
import type { EngineDeps } from './runs/engine-deps.js';
import { HookDeliverer } from './outgoing-hooks/hook-deliverer.js';
import { createDeliveryQueue } from './runs/delivery-queue.js';
import { Housekeeper } from './runs/housekeeper.js';
import { createPackRegistry } from './registry/create-pack-registry.js';
import { builtInPacks } from '@switchyard/connectors';
import { createAllowList } from './egress/address-policy.js';
import { Worker } from './runs/worker.js';
import { leadWithAdvisoryLock } from './storage/advisory-leadership.js';
import { createDb } from './storage/create-db.js';
import type { PgListener } from './storage/pg-listener.js';
import { migrateToLatest } from './storage/migrate.js';
import { settingsRepo } from './storage/settings-repo.js';
import { PackTriggerLoop } from './triggers/sources/pack-trigger-loop.js';
import { PackWebhookSource } from './triggers/sources/pack-webhook-source.js';
import { ScheduleSource } from './triggers/sources/schedule-source.js';
import { WebhookSource } from './triggers/sources/webhook-source.js';
import type { TriggerDeps } from './triggers/trigger-deps.js';

/** The wired system: config → db → migrate → engines. main.ts serves it; the CLI drives it in-process. */
export async function wire(config: Config, options: { logDestination?: number } = {}) {
  const log = pino({ level: config.logLevel, base: { service: 'switchyard' } }, pino.destination(options.logDestination ?? 1));
  const now = () => Date.now();
  const database = createDb({ url: config.databaseUrl, poolSize: config.dbPool });
  const applied = await migrateToLatest(database);
  if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
  const approvalKey = Buffer.from(
    await settingsRepo.getOrCreate(database.db, 'approval_signing_key', () => randomBytes(32).toString('base64')),
    'base64',
  );
  const egress = createEgressClient({ allow: config.egressAllow });
  // Refuses to start with a key that cannot open this database's secrets (or a key file others can read).
  const box = await openSecretBox(database.db, config);
  const registry = createPackRegistry({ database, now });
  // Shipped packs are installed (or updated, when their content changed) on every start.
  for (const outcome of await registry.installBuiltIns(builtInPacks)) {
    if (!outcome.ok) log.warn(`${outcome.message}: the installed pack is kept and the built-in one is not installed`);
  }
  const packDownloads = { egress, allowList: createAllowList(config.egressAllow), npmRegistry: config.npmRegistry };
  // Calls per connection per day for the integration health view, written every 30 s rather than per call.
  const callTally = createCallTally({ database, now, log });
  const tallyFlush = setInterval(() => void callTally.flush(), 30_000);
  tallyFlush.unref();
  const vendor = createVendorClient({ egress, database, now, log, onCall: callTally.record });
  const connections = createConnections({ database, box, egress, registry, vendor, log, now, publicUrl: config.publicUrl });
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const metrics = createMetrics(database, now);
  let worker: Worker | null = null;
  const engine: EngineDeps = {
    database,
    egress,
    registry,
    connections: connections.auth,
    vendor,
    log,
    publicUrl: config.publicUrl,
    approvalKey,
    now,
    events,
    stepTimeoutMs: config.stepTimeoutMs,
    runTimeoutMs: config.runTimeoutMs,
    onStepFinished: metrics.stepFinished,
  };
  const packs = { registry, connections: connections.auth, vendor, box };
  const triggers: TriggerDeps = {
    database,
    deliveries: createDeliveryQueue(database, now),
    log,
    now,
    publicUrl: config.publicUrl,
    events,
    runTimeoutMs: config.runTimeoutMs,
    onEnqueued: () => worker?.nudge(),
    packs,
  };
  const housekeeper = new Housekeeper(
    { database, log, now },
    {
      retentionDays: config.retentionDays,
      maxDatabaseBytes: config.maxDatabaseBytes,
      intervalMs: config.housekeepingIntervalMs,
      auditRetentionDays: config.auditRetentionDays,
    },
  );
  const webhooks = new WebhookSource(triggers);
  const packWebhooks = new PackWebhookSource(triggers, packs);
  let changeFeed: PgListener | null = null;
  let accepting = true;
  // The alert monitor's view of the system: the scheduler leader runs it, the API reads and checks through it.
  const health: HealthMonitorDeps = {
    database,
    registry,
    connections: connections.auth,
    egress,
    log,
    now,
    publicUrl: config.publicUrl,
    runTimeoutMs: config.runTimeoutMs,
    onEnqueued: () => worker?.nudge(),
  };
  const appDeps: AppDeps = {
    housekeeper,
    connections,
    packs: registry,
    packDownloads,
    database,
    log,
    now,
    publicUrl: config.publicUrl,
    webhooks,
    packWebhooks,
    triggers,
    engine,
    health,
    metrics,
    accepting: () => accepting,
    webRoot: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    secureCookies: config.publicUrl.startsWith('https:'),
    signInProviders: config.signInProviders,
  };
  return {
    log,
    database,
    appDeps,
    startWorker() {
      // Woken by NOTIFY on PostgreSQL, polling is only the fallback there (and finds parked jobs coming due).
      const pollMs = () => (changeFeed?.connected ? 1000 : 200);
      worker = new Worker(engine, { concurrency: config.workerConcurrency, leaseMs: config.leaseMs, pollMs });
      worker.start();
      return worker;
    },
    /** Sends outgoing REST hooks from the outbox; every worker process takes part (each delivery is leased). */
    startHookDeliveries() {
      const deliverer = new HookDeliverer({ database, egress, box, log, now, events }, { concurrency: hookConcurrency, pollMs: 1000 });
      deliverer.start();
      return deliverer;
    },
    /** PostgreSQL: this process hears new jobs and other processes' changes to what it caches (DESIGN §8). */
    listenForChanges() {
      if (database.dialect !== 'postgres' || changeFeed) return;
      changeFeed = startChangeFeed({
        url: config.databaseUrl,
        log,
        caches: {
          packs: [() => registry.dropCache()],
          connections: [() => packWebhooks.invalidate()],
          triggers: [() => webhooks.invalidate(), () => packWebhooks.invalidate()],
        },
        onJobsDue: () => worker?.nudge(),
      });
    },
    /** On PostgreSQL only the process holding the scheduler lock runs these; the others wait to take over. */
    startScheduler() {
      if (database.dialect === 'sqlite') return leadScheduler();
      return leadWithAdvisoryLock({ url: config.databaseUrl, lockKey: schedulerLockKey, log, lead: leadScheduler });
    },
    stopAccepting() {
      accepting = false;
    },
    async close() {
      clearInterval(tallyFlush);
      await callTally.flush();
      await changeFeed?.stop();
      await egress.close();
      await database.close();
    },
  };

  function leadScheduler() {
    const scheduler = new ScheduleSource(triggers);
    scheduler.start();
    const packTriggers = new PackTriggerLoop(triggers, packs);
    packTriggers.start();
    housekeeper.start();
    // Every minute, so a token is renewed within its last five minutes, before a run needs it.
    const tokenSweep = startTokenSweep(connections.refreshExpiringTokens, { intervalMs: 60_000, now, log });
    const healthMonitor = startHealthMonitor(health, { intervalMs: config.healthCheckIntervalMs });
    return {
      async stop() {
        tokenSweep.stop();
        await healthMonitor.stop();
        housekeeper.stop();
        await Promise.all([scheduler.stop(), packTriggers.stop()]);
      },
    };
  }
}

/** Outgoing REST hook deliveries sent at once per process: a slow subscriber holds one slot for its timeout at most. */
const hookConcurrency = 8;

/** The advisory lock the leading scheduler holds; any fixed number, the same in every process. */
const schedulerLockKey = 0x53_59_53_43;

export type Role = 'all' | 'web' | 'worker' | 'scheduler';

/**
 * `switchyard start`: serves HTTP (roles all/web), runs the worker (all/worker) and the scheduler
 * (all/scheduler). SIGTERM/SIGINT: stop accepting, let in-flight steps finish within the grace period,
 * hand unfinished jobs back, exit 0.
 */
export async function startServer(config: Config, role: Role = 'all') {
  const startedAt = performance.now();
  const system = await wire(config);
  system.listenForChanges();
  const { log } = system;
  const servesHttp = role === 'all' || role === 'web';
  const worker = role === 'all' || role === 'worker' ? system.startWorker() : null;
  const hookDeliveries = worker ? system.startHookDeliveries() : null;
  const scheduler = role === 'all' || role === 'scheduler' ? system.startScheduler() : null;
  let server: ServerType | null = null;
  if (servesHttp) {
    const app = createApp(system.appDeps);
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve(
        {
          fetch: app.fetch,
          port: config.port,
          hostname: config.host,
          // Slow senders and header floods are cut off instead of holding sockets. Node checks these
          // deadlines only every connectionsCheckingInterval (30 s by default), which would let a
          // slow-loris outlive a 10 s headers timeout threefold; once a second keeps the cut-off close.
          serverOptions: {
            headersTimeout: config.headersTimeoutMs,
            requestTimeout: config.requestTimeoutMs,
            connectionsCheckingInterval: 1_000,
          },
        },
        () => resolve(s),
      );
      s.once('error', reject);
    });
    (server as Server).keepAliveTimeout = 5_000;
  }
  const address = server?.address();
  const port = typeof address === 'object' && address ? address.port : null;
  log.info({ role, port, database: system.database.location, startupMs: Math.round(performance.now() - startedAt) }, 'switchyard started');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('stopping: no new work; finishing in-flight steps');
      system.stopAccepting();
      const closed = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      await scheduler?.stop();
      await worker?.stop(config.shutdownGraceMs);
      await hookDeliveries?.stop();
      (server as Server | null)?.closeIdleConnections?.();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
      await system.close();
      log.info('stopped');
    })());
  return { port, stop, system };
}
