import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { SecretBox } from '../connections/secret-box.js';
import type { EgressClient } from '../egress/egress-client.js';
import type { Database } from '../storage/database.js';
import { hookOutboxRepo, type ClaimedHookDelivery, type HookAttemptResult } from '../storage/hook-outbox-repo.js';
import { hookSubscriptionRepo } from '../storage/hook-subscription-repo.js';
import { nextHookAttemptAt } from './hook-retry-schedule.js';
import { hookTimeoutMs, sendHook } from './send-hook.js';
import { subscriptionSecretContext } from './subscription-secret.js';

export interface HookDelivererDeps {
  database: Database;
  egress: EgressClient;
  box: SecretBox;
  log: Logger;
  now(): number;
  /** The engine's events: a finished run or an emit wakes the deliverer at once instead of at the next poll. */
  events?: EventEmitter;
}

export interface HookDelivererOptions {
  /** Deliveries sent at the same time (and claimed per pass). */
  concurrency: number;
  /** How often to look for due deliveries when nothing woke us. */
  pollMs: number;
}

// Longer than one attempt can take, so a claimed delivery is never sent twice at once; a process that died
// holding it hands it on when the lease runs out (the receiver sees the same webhook-id again).
const leaseMs = hookTimeoutMs * 2;

/** Works the outbox of outgoing REST hooks: claims due deliveries, sends them, records every attempt. */
export class HookDeliverer {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudged = false;
  private readonly onEvent = () => this.nudge();

  constructor(
    private readonly deps: HookDelivererDeps,
    private readonly options: HookDelivererOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.deps.events?.on('finished', this.onEvent);
    this.deps.events?.on('hooks-queued', this.onEvent);
    this.loop = this.work();
  }

  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Lets the deliveries in flight finish and record their attempt. */
  async stop(): Promise<void> {
    this.running = false;
    this.deps.events?.off('finished', this.onEvent);
    this.deps.events?.off('hooks-queued', this.onEvent);
    this.wake?.();
    await this.loop;
  }

  /** One pass: sends up to `concurrency` due deliveries side by side; resolves with how many were attempted. */
  async deliverDue(): Promise<number> {
    const claimed = await hookOutboxRepo.claim(this.deps.database, this.options.concurrency, leaseMs, this.deps.now());
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async work(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      let attempted = 0;
      try {
        attempted = await this.deliverDue();
      } catch (err) {
        this.deps.log.error({ err }, 'outgoing hook deliveries failed; trying again at the next poll');
      }
      // A full batch means more may be due: go again at once.
      if (attempted === this.options.concurrency || this.nudged || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async attempt(delivery: ClaimedHookDelivery): Promise<void> {
    const attemptedAt = this.deps.now();
    const started = performance.now();
    const secret = this.deps.box.open(delivery.secret, subscriptionSecretContext(delivery.subscription_id));
    const sent = await sendHook(this.deps.egress, { id: delivery.id, targetUrl: delivery.target_url, secret, payload: delivery.payload }, attemptedAt);
    const durationMs = Math.round(performance.now() - started);
    const attempts = delivery.attempts + 1;
    let result: HookAttemptResult;
    if (sent.outcome === 'delivered') {
      result = { attemptedAt, durationMs, httpStatus: sent.httpStatus, error: null, status: 'succeeded', nextAttemptAt: null };
    } else {
      const nextAttemptAt = sent.outcome === 'retry' ? nextHookAttemptAt(attempts, this.deps.now()) : null;
      result = { attemptedAt, durationMs, httpStatus: sent.httpStatus, error: sent.error, status: nextAttemptAt === null ? 'failed' : 'pending', nextAttemptAt };
    }
    await this.deps.database.write(async (trx) => {
      await hookOutboxRepo.recordAttempt(trx, delivery.id, result);
      if (sent.outcome === 'gone') await hookSubscriptionRepo.unsubscribe(trx, delivery.subscription_id, attemptedAt);
    });
    if (sent.outcome !== 'delivered') {
      this.deps.log.warn({ delivery: delivery.id, subscription: delivery.subscription_id, attempt: attempts, status: sent.httpStatus, outcome: sent.outcome }, 'outgoing hook not delivered');
    }
  }
}
