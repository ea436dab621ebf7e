import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { jobRepo } from '../storage/job-repo.js';
import { maintenanceRepo } from '../storage/maintenance-repo.js';
import type { Database } from '../storage/database.js';
import { runRepo } from '../storage/run-repo.js';

export type Metrics = ReturnType<typeof createMetrics>;

/** Prometheus metrics; database-backed gauges are read at scrape time so every process reports the same truth. */
export function createMetrics(database: Database, now: () => number) {
  const registry = new Registry();
  const webhookAcks = new Counter({
    name: 'switchyard_webhook_deliveries_total',
    help: 'Webhook deliveries answered, by HTTP status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const stepDuration = new Histogram({
    name: 'switchyard_step_duration_seconds',
    help: 'Duration of step attempts, by step and outcome',
    labelNames: ['use', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  new Gauge({
    name: 'switchyard_runs',
    help: 'Runs stored, by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, count] of Object.entries(await runRepo.countByStatus(database.db))) this.set({ status }, count);
    },
  });
  new Gauge({
    name: 'switchyard_queue_jobs',
    help: 'Jobs in the queue: due (waiting for a worker), scheduled (future), leased (being worked on)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const depth = await jobRepo.depth(database.db, now());
      this.set({ state: 'due' }, depth.due - depth.leased > 0 ? depth.due - depth.leased : 0);
      this.set({ state: 'scheduled' }, depth.scheduled);
      this.set({ state: 'leased' }, depth.leased);
    },
  });
  new Gauge({
    name: 'switchyard_database_bytes',
    help: 'Size of the database',
    registers: [registry],
    async collect() {
      this.set(await maintenanceRepo.databaseBytes(database));
    },
  });
  return {
    registry,
    webhookAnswered(status: number): void {
      webhookAcks.inc({ status: String(status) });
    },
    stepFinished(use: string, outcome: string, ms: number): void {
      stepDuration.observe({ use, outcome }, ms / 1000);
    },
  };
}
