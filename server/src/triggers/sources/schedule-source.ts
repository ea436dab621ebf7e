import { inboxRepo } from '../../storage/inbox-repo.js';
import { fromJson } from '../../storage/json-column.js';
import { runRepo } from '../../storage/run-repo.js';
import type { TriggerRow } from '../../storage/tables.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { planFires } from '../schedule/plan-fires.js';
import { scheduleConfigSchema, type ScheduleConfig } from '../schedule/schedule-config.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { TickingSource } from './ticking-source.js';

/**
 * `core/schedule`: each tick, starts runs for the schedules that are due. The inbox key is the scheduled
 * time, committed together with the new `last_fire_at` (a compare-and-set on `next_fire_at`), so a tick
 * repeated after a crash, or by a second scheduler, can never start the same scheduled run twice.
 */
export class ScheduleSource extends TickingSource {
  constructor(
    private readonly deps: TriggerDeps,
    tickMs = 1000,
  ) {
    super(tickMs);
  }

  override async tick(): Promise<void> {
    const now = this.deps.now();
    let due: TriggerRow[];
    try {
      due = await triggerRepo.dueSchedules(this.deps.database.db, now);
    } catch (err) {
      this.deps.log.error({ err }, 'reading due schedules failed');
      return;
    }
    for (const trigger of due) {
      try {
        await this.fire(trigger, now);
      } catch (err) {
        this.deps.log.error({ err, trigger: trigger.id }, 'firing a schedule failed; it will be tried on the next tick');
      }
    }
  }

  private async fire(trigger: TriggerRow, now: number): Promise<void> {
    const config: ScheduleConfig = scheduleConfigSchema.parse(fromJson<{ input?: unknown }>(trigger.config)?.input ?? {});
    const plan = planFires(config, { lastFireAt: trigger.last_fire_at, enabledAt: trigger.enabled_at ?? now }, now);
    const lastFireAt = plan.fireAt.at(-1) ?? null;
    let fireAt = plan.fireAt;
    if (!config.allowOverlap && fireAt.length > 0) {
      const active = await runRepo.activeCountForRecipe(this.deps.database.db, trigger.recipe_id, 'core/schedule');
      if (active > 0) {
        this.deps.log.info({ trigger: trigger.id, skipped: fireAt.length }, 'schedule skipped: the previous run is still going');
        fireAt = [];
      } else {
        fireAt = fireAt.slice(-1);
      }
    }
    let started = false;
    await this.deps.database.write(async (trx) => {
      // Compare-and-set first, inside the write: if another scheduler fired this tick (two leaders overlapping
      // for a moment), or the recipe was unpublished, nothing is written.
      const expected = { nextFireAt: trigger.next_fire_at!, versionId: trigger.version_id! };
      if (!(await triggerRepo.recordFire(trx, trigger.id, lastFireAt, plan.nextAt, expected))) return;
      const deliveries = fireAt.map((at) => ({
        source: trigger.id,
        dedupeKey: `schedule:${at}`,
        run: {
          recipeId: trigger.recipe_id,
          versionId: trigger.version_id!,
          triggerKind: 'core/schedule',
          event: { scheduledAt: new Date(at).toISOString(), firedAt: new Date(now).toISOString(), timezone: config.timezone },
          deadlineAt: now + this.deps.runTimeoutMs,
        },
      }));
      if (deliveries.length > 0) {
        const results = await inboxRepo.ingest(trx, deliveries, now);
        started = results.some((result) => !result.duplicate);
      }
    });
    if (started) this.deps.onEnqueued();
  }
}
