import type { ResolvedTrigger } from '../../registry/pack-registry.js';
import { fromJson } from '../../storage/json-column.js';
import type { TriggerRow } from '../../storage/tables.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { failureMessage, type PackTriggerConfig } from '../pack-trigger-call.js';
import { recordFailure, storedWebhook } from '../pack-trigger-lifecycle.js';
import type { PackTriggerServices } from '../pack-trigger-services.js';
import { readPackTriggerState } from '../pack-trigger-state.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { openSubscription, sealSubscription } from '../trigger-secret.js';
import { nextPollAt, PollSupersededError, pollTrigger } from './poll-trigger.js';
import { renewalAt, subscriptionClient } from './subscription-client.js';
import { TickingSource } from './ticking-source.js';

// A poll or renewal holds its trigger this long; a process that dies mid-call frees it after this.
const leaseMs = 5 * 60_000;
// A failed renewal (or a trigger whose pack is gone) is tried again this soon; a failed poll at its interval.
const retryMs = 5 * 60_000;
const perTick = 20;

/**
 * The scheduler side of pack triggers: each tick, claims due poll triggers and subscriptions due for
 * renewal (`next_fire_at`, a sweep rather than jobs: the time lives on the trigger row, so publish,
 * reset and unpublish move it in their own writes). A claim moves the time by a lease, so two
 * schedulers never call the vendor for the same trigger at once. Failures are recorded in the trigger's
 * state and retried at the next interval; they never stop the loop.
 */
export class PackTriggerLoop extends TickingSource {
  constructor(
    private readonly deps: TriggerDeps,
    private readonly packs: PackTriggerServices,
    tickMs = 1000,
  ) {
    super(tickMs);
  }

  override async tick(): Promise<void> {
    const now = this.deps.now();
    let due: TriggerRow[];
    try {
      due = await triggerRepo.duePacks(this.deps.database.db, now, perTick);
    } catch (err) {
      this.deps.log.error({ err }, 'reading due pack triggers failed');
      return;
    }
    await Promise.all(due.map((row) => this.runClaimed(row, now)));
  }

  private async runClaimed(row: TriggerRow, now: number): Promise<void> {
    let retryAt = now + retryMs;
    try {
      const claimed = await this.deps.database.write((trx) => triggerRepo.claim(trx, row.id, row.next_fire_at!, now + leaseMs));
      if (!claimed) return;
      const resolved = await this.packs.registry.trigger(row.kind);
      if (!resolved) throw new Error(`no installed pack provides the trigger "${row.kind}"`);
      if (resolved.trigger.kind === 'poll') retryAt = nextPollAt(resolved.trigger, now);
      await this.run({ ...row, next_fire_at: now + leaseMs }, resolved);
    } catch (err) {
      if (err instanceof PollSupersededError) return;
      this.deps.log.warn({ err, trigger: row.id }, 'a pack trigger failed; it is tried again at its next time');
      await recordFailure(this.deps, row.id, failureMessage(err), retryAt).catch((error: unknown) =>
        this.deps.log.error({ err: error, trigger: row.id }, 'recording a pack trigger failure failed'),
      );
    }
  }

  private async run(row: TriggerRow, resolved: ResolvedTrigger): Promise<void> {
    const { trigger } = resolved;
    if (trigger.kind === 'poll') {
      await pollTrigger(this.deps, this.packs, row, { ...resolved, trigger });
      return;
    }
    const state = readPackTriggerState(fromJson(row.state));
    if (trigger.kind !== 'subscription' || !state.subscription) {
      await this.deps.database.write((trx) => triggerRepo.setState(trx, row.id, state, null));
      return;
    }
    const target = { manifest: resolved.manifest, trigger, config: fromJson<PackTriggerConfig>(row.config)! };
    const webhook = storedWebhook(this.deps, this.packs, row, state);
    const opened = openSubscription(this.packs.box, row.id, state.subscription, this.deps.log);
    const renewed = await subscriptionClient.renew(this.packs, target, opened, webhook, this.deps.now());
    const subscription = sealSubscription(this.packs.box, row.id, renewed, state.subscription.secret);
    await this.deps.database.write(async (trx) => {
      const current = await triggerRepo.byId(trx, row.id);
      if (current?.active !== 1 || current.state !== row.state) return;
      await triggerRepo.setState(trx, row.id, { ...state, subscription, lastError: null }, renewalAt(trigger, subscription));
    });
  }
}
