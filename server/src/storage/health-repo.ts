import { sql } from 'kysely';
import { createId } from './create-id.js';
import type { Db } from './database.js';
import type { HealthAlertRow, TriggerRow } from './tables.js';

export const dayMs = 86_400_000;

/** What one process tallied for a connection on one UTC day since its last flush. */
export interface ConnectionTally {
  connectionId: string;
  day: number;
  calls: number;
  failures: number;
  lastCallAt: number;
  lastFailureAt: number | null;
  lastFailure: string | null;
}

export interface DailyCount {
  subjectId: string;
  day: number;
  events: number;
  failures: number;
}

export interface NewAlert {
  subjectKind: 'connection' | 'trigger';
  subjectId: string;
  condition: string;
  message: string;
}

const dayOf = (column: string) => sql<number>`${sql.ref(column)} / ${sql.lit(dayMs)}`;

export const healthRepo = {
  /** Adds tallies to the day rows in one statement each: every process adds its own, so none is lost. */
  async addConnectionTallies(ex: Db, tallies: ConnectionTally[]): Promise<void> {
    for (const tally of tallies) {
      await ex
        .insertInto('connection_daily')
        .values({
          connection_id: tally.connectionId,
          day: tally.day,
          calls: tally.calls,
          failures: tally.failures,
          last_call_at: tally.lastCallAt,
          last_failure_at: tally.lastFailureAt,
          last_failure: tally.lastFailure,
        })
        .onConflict((oc) =>
          oc.columns(['connection_id', 'day']).doUpdateSet({
            calls: sql`connection_daily.calls + excluded.calls`,
            failures: sql`connection_daily.failures + excluded.failures`,
            last_call_at: sql`case when excluded.last_call_at > connection_daily.last_call_at then excluded.last_call_at else connection_daily.last_call_at end`,
            // A newer failure replaces the message; an older one (another process's late flush) does not.
            last_failure: sql`case when excluded.last_failure_at is not null and (connection_daily.last_failure_at is null or excluded.last_failure_at > connection_daily.last_failure_at) then excluded.last_failure else connection_daily.last_failure end`,
            last_failure_at: sql`case when excluded.last_failure_at is not null and (connection_daily.last_failure_at is null or excluded.last_failure_at > connection_daily.last_failure_at) then excluded.last_failure_at else connection_daily.last_failure_at end`,
          }),
        )
        .execute();
    }
  },

  async connectionDays(ex: Db, sinceDay: number): Promise<(DailyCount & { lastCallAt: number; lastFailureAt: number | null; lastFailure: string | null })[]> {
    const rows = await ex.selectFrom('connection_daily').selectAll().where('day', '>=', sinceDay).orderBy('day').execute();
    return rows.map((row) => ({
      subjectId: row.connection_id,
      day: Number(row.day),
      events: Number(row.calls),
      failures: Number(row.failures),
      lastCallAt: Number(row.last_call_at),
      lastFailureAt: row.last_failure_at === null ? null : Number(row.last_failure_at),
      lastFailure: row.last_failure,
    }));
  },

  /** Accepted deliveries per trigger per day (the inbox keeps one row per delivery that was not a duplicate). */
  async triggerEventDays(ex: Db, since: number): Promise<DailyCount[]> {
    const day = dayOf('received_at');
    const rows = await ex
      .selectFrom('inbox')
      .select(['source', day.as('day'), (eb) => eb.fn.countAll<number>().as('events')])
      .where('received_at', '>=', since)
      .groupBy(['source', day])
      .execute();
    return rows.map((row) => ({ subjectId: row.source, day: Number(row.day), events: Number(row.events), failures: 0 }));
  },

  /** The newest delivery each of these triggers accepted: one index lookup per trigger, not a pass over the inbox. */
  async lastEvents(ex: Db, triggerIds: string[]): Promise<Map<string, number>> {
    const last = new Map<string, number>();
    for (const id of triggerIds) {
      const row = await ex.selectFrom('inbox').select((eb) => eb.fn.max('received_at').as('last')).where('source', '=', id).executeTakeFirst();
      if (row?.last !== null && row?.last !== undefined) last.set(id, Number(row.last));
    }
    return last;
  },

  /** Failed top-level runs per recipe per day. */
  async failedRunDays(ex: Db, since: number): Promise<DailyCount[]> {
    const day = dayOf('created_at');
    const rows = await ex
      .selectFrom('runs')
      .select(['recipe_id', day.as('day'), (eb) => eb.fn.countAll<number>().as('failures')])
      .where('created_at', '>=', since)
      .where('status', '=', 'failed')
      .where('parent_run_id', 'is', null)
      .groupBy(['recipe_id', day])
      .execute();
    return rows.map((row) => ({ subjectId: row.recipe_id, day: Number(row.day), events: 0, failures: Number(row.failures) }));
  },

  /** Live triggers with their recipe's name. */
  async liveTriggers(ex: Db): Promise<(TriggerRow & { recipe_name: string })[]> {
    return ex
      .selectFrom('triggers')
      .innerJoin('recipes', 'recipes.id', 'triggers.recipe_id')
      .selectAll('triggers')
      .select('recipes.name as recipe_name')
      .where('triggers.active', '=', 1)
      .orderBy('recipes.name')
      .execute();
  },

  async openAlerts(ex: Db): Promise<HealthAlertRow[]> {
    return ex.selectFrom('health_alerts').selectAll().where('cleared_at', 'is', null).orderBy('raised_at').execute();
  },

  async recentAlerts(ex: Db, since: number): Promise<HealthAlertRow[]> {
    return ex
      .selectFrom('health_alerts')
      .selectAll()
      .where((eb) => eb.or([eb('cleared_at', 'is', null), eb('raised_at', '>=', since)]))
      .orderBy('raised_at', 'desc')
      .limit(500)
      .execute();
  },

  async raise(ex: Db, alert: NewAlert, now: number): Promise<HealthAlertRow> {
    const row: HealthAlertRow = {
      id: createId('alr', now),
      subject_kind: alert.subjectKind,
      subject_id: alert.subjectId,
      condition: alert.condition,
      message: alert.message,
      raised_at: now,
      cleared_at: null,
      notified_at: null,
    };
    await ex.insertInto('health_alerts').values(row).execute();
    return row;
  },

  async clear(ex: Db, id: string, now: number): Promise<void> {
    await ex.updateTable('health_alerts').set({ cleared_at: now }).where('id', '=', id).where('cleared_at', 'is', null).execute();
  },

  async markNotified(ex: Db, id: string, now: number): Promise<void> {
    await ex.updateTable('health_alerts').set({ notified_at: now }).where('id', '=', id).execute();
  },

  /** Day rows and closed alerts older than `before` go with the runs they describe. */
  async prune(ex: Db, before: number): Promise<void> {
    await ex.deleteFrom('connection_daily').where('day', '<', Math.floor(before / dayMs)).execute();
    await ex.deleteFrom('health_alerts').where('cleared_at', '<', before).execute();
  },
};
