import { readFields } from '../connections/connection-record.js';
import type { ConnectionHealth, HealthAlert, IntegrationHealth, TriggerHealth } from '../contracts/integration-health.js';
import type { PackRegistry } from '../registry/pack-registry.js';
import { connectionRepo } from '../storage/connection-repo.js';
import type { Database } from '../storage/database.js';
import { dayMs, healthRepo, type DailyCount } from '../storage/health-repo.js';
import type { ConnectionRow, HealthAlertRow } from '../storage/tables.js';
import { readPackTriggerState } from '../triggers/pack-trigger-state.js';
import { baselineDays, detectSilence } from './detect-silence.js';

export interface HealthDeps {
  database: Database;
  registry: PackRegistry;
  now(): number;
}

/** A connection is failing when most of today's calls failed, and there were enough to tell. */
const failingCalls = 5;

const isoDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

function countsByDay(rows: DailyCount[]): Map<string, Map<number, DailyCount>> {
  const bySubject = new Map<string, Map<number, DailyCount>>();
  for (const row of rows) {
    const days = bySubject.get(row.subjectId) ?? new Map<number, DailyCount>();
    const known = days.get(row.day);
    days.set(row.day, known ? { ...known, events: known.events + row.events, failures: known.failures + row.failures } : row);
    bySubject.set(row.subjectId, days);
  }
  return bySubject;
}

/**
 * The integration health view (per connection and per live trigger): the last 14 days of calls or events
 * and failures, the last event, token refresh state and the flags the alert monitor raises. Connection call
 * counts come from `connection_daily`; trigger events from the inbox; failures from failed runs.
 */
export async function readIntegrationHealth(deps: HealthDeps): Promise<IntegrationHealth> {
  const now = deps.now();
  const today = Math.floor(now / dayMs);
  const firstDay = today - baselineDays;
  const since = firstDay * dayMs;
  const db = deps.database.db;
  const [connectionRows, connectionDays, triggers, eventDays, failedDays, alerts] = await Promise.all([
    connectionRepo.list(db, {}),
    healthRepo.connectionDays(db, firstDay),
    healthRepo.liveTriggers(db),
    healthRepo.triggerEventDays(db, since),
    healthRepo.failedRunDays(db, since),
    healthRepo.recentAlerts(db, since),
  ]);
  const lastEvents = await healthRepo.lastEvents(db, triggers.map((trigger) => trigger.id));
  const range = Array.from({ length: baselineDays }, (_, index) => today - baselineDays + 1 + index);
  const series = (days: Map<number, DailyCount> | undefined) =>
    range.map((day) => ({ date: isoDay(day), events: days?.get(day)?.events ?? 0, failures: days?.get(day)?.failures ?? 0 }));

  const callsByConnection = countsByDay(connectionDays);
  const lastCall = new Map<string, { lastCallAt: number; lastFailureAt: number | null; lastFailure: string | null }>();
  for (const row of connectionDays) {
    const known = lastCall.get(row.subjectId) ?? { lastCallAt: 0, lastFailureAt: null, lastFailure: null };
    const newerFailure = row.lastFailureAt !== null && row.lastFailureAt > (known.lastFailureAt ?? 0);
    lastCall.set(row.subjectId, {
      lastCallAt: Math.max(row.lastCallAt, known.lastCallAt),
      lastFailureAt: newerFailure ? row.lastFailureAt : known.lastFailureAt,
      lastFailure: newerFailure ? row.lastFailure : known.lastFailure,
    });
  }
  const connections = await Promise.all(
    connectionRows.map(async (row): Promise<ConnectionHealth> => {
      const days = series(callsByConnection.get(row.id));
      const last = lastCall.get(row.id);
      const oauth = (await deps.registry.pack(row.pack_id))?.manifest.auth.kind === 'oauth2';
      return {
        id: row.id,
        name: row.name,
        packId: row.pack_id,
        status: row.status as ConnectionHealth['status'],
        statusMessage: row.status_message,
        refresh: refreshState(row, oauth, now),
        tokenExpiresAt: row.token_expires_at,
        lastCallAt: last?.lastCallAt ?? null,
        lastFailureAt: last?.lastFailureAt ?? null,
        lastFailure: last?.lastFailure ?? null,
        days,
        flags: connectionFlags(row, days.at(-1)!),
      };
    }),
  );

  const eventsByTrigger = countsByDay(eventDays);
  const failuresByRecipe = countsByDay(failedDays);
  const triggerViews = await Promise.all(
    triggers.map(async (trigger): Promise<TriggerHealth> => {
      const kind = await triggerKind(deps.registry, trigger.kind);
      const events = eventsByTrigger.get(trigger.id);
      const failures = failuresByRecipe.get(trigger.recipe_id);
      const days = range.map((day) => ({ date: isoDay(day), events: events?.get(day)?.events ?? 0, failures: failures?.get(day)?.failures ?? 0 }));
      const lastEventAt = lastEvents.get(trigger.id) ?? null;
      const activeSince = trigger.enabled_at ?? now;
      // Only full days since the trigger went live count towards its usual rate.
      const firstFullDay = Math.floor(activeSince / dayMs) + 1;
      const baseline = days.slice(0, -1).filter((_, index) => range[index]! >= firstFullDay).map((day) => day.events);
      const silence = kind === 'webhook' || kind === 'subscription' ? detectSilence({ dailyEvents: baseline, lastEventAt, activeSince, now }) : null;
      const lastError = kind === 'poll' || kind === 'subscription' ? (readPackTriggerState(parseState(trigger.state)).lastError ?? null) : null;
      const flags: TriggerHealth['flags'] = [];
      if (silence?.judged && silence.silent) {
        flags.push({
          condition: 'trigger_silent',
          message: `no delivery for ${describeDuration(silence.quietForMs)}, though it usually gets about ${Math.round(silence.usualPerDay)} a day; check the webhook at the vendor`,
        });
      }
      if (lastError) flags.push({ condition: 'trigger_failing', message: `the last ${kind === 'poll' ? 'poll' : 'subscription call'} failed: ${lastError.message}` });
      return {
        id: trigger.id,
        recipeId: trigger.recipe_id,
        recipeName: trigger.recipe_name,
        use: trigger.kind,
        kind,
        lastEventAt,
        usualPerDay: silence?.judged ? silence.usualPerDay : null,
        lastError,
        days,
        flags,
      };
    }),
  );
  return { connections, triggers: triggerViews, alerts: alerts.map(toAlertView) };
}

function refreshState(row: ConnectionRow, oauth: boolean, now: number): ConnectionHealth['refresh'] {
  if (!oauth) return 'not_oauth';
  if (row.status === 'needs_reauth') return 'needs_reconnect';
  if (row.token_expires_at === null) return readFields(row).tokenPasted === true ? 'pasted_token' : 'fresh';
  return row.token_expires_at > now ? 'fresh' : 'expired';
}

function connectionFlags(row: ConnectionRow, today: { events: number; failures: number }): ConnectionHealth['flags'] {
  if (row.status === 'needs_reauth') {
    return [{ condition: 'needs_reconnect', message: row.status_message ?? 'the vendor no longer accepts its credentials' }];
  }
  if (row.status === 'error') return [{ condition: 'connection_failing', message: `its last test failed: ${row.status_message ?? 'unknown error'}` }];
  if (today.failures >= failingCalls && today.failures * 2 >= today.events) {
    return [{ condition: 'connection_failing', message: `${today.failures} of ${today.events} calls failed today` }];
  }
  return [];
}

async function triggerKind(registry: PackRegistry, use: string): Promise<TriggerHealth['kind']> {
  if (use === 'core/webhook') return 'webhook';
  if (use === 'core/schedule') return 'schedule';
  if (use.startsWith('core/')) return 'other';
  return (await registry.trigger(use))?.trigger.kind ?? 'other';
}

function parseState(state: string): unknown {
  try {
    return JSON.parse(state);
  } catch {
    return {};
  }
}

export function describeDuration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))} minutes`;
  if (hours < 48) return `${Math.round(hours)} hours`;
  return `${Math.round(hours / 24)} days`;
}

export function toAlertView(row: HealthAlertRow): HealthAlert {
  return {
    id: row.id,
    subjectKind: row.subject_kind as HealthAlert['subjectKind'],
    subjectId: row.subject_id,
    condition: row.condition as HealthAlert['condition'],
    message: row.message,
    raisedAt: Number(row.raised_at),
    clearedAt: row.cleared_at === null ? null : Number(row.cleared_at),
    notifiedAt: row.notified_at === null ? null : Number(row.notified_at),
  };
}
