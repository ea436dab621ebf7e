import type { Logger } from 'pino';
import type { ConnectionAuth } from '../connections/resolved-connection.js';
import type { HealthAlert, HealthCondition } from '../contracts/integration-health.js';
import { sendEmail } from '../email/send-email.js';
import { smtpSettingsFromFields } from '../email/smtp-settings.js';
import type { SmtpEgress } from '../email/smtp-transport.js';
import { fromJson } from '../storage/json-column.js';
import { healthRepo, type NewAlert } from '../storage/health-repo.js';
import { inboxRepo } from '../storage/inbox-repo.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { userRepo } from '../storage/user-repo.js';
import { readAlertSettings } from './alert-settings.js';
import { readIntegrationHealth, toAlertView, type HealthDeps } from './integration-health.js';

export interface HealthMonitorDeps extends HealthDeps {
  connections: ConnectionAuth;
  /** The egress policy the alert mail's SMTP host must pass, as every outbound connection does. */
  egress: SmtpEgress;
  log: Logger;
  publicUrl: string;
  runTimeoutMs: number;
  /** A run was queued for an error-handler recipe. */
  onEnqueued?: () => void;
}

interface Raised extends HealthAlert {
  subjectName: string;
}

/**
 * One pass of the alert monitor: raises each flag of the health view that has no open alert (once, until it
 * clears), clears open alerts whose flag is gone, starts error-handler recipes that asked for integration
 * alerts (in the same transaction as the raise, so none is lost or doubled), then mails the owners one
 * digest through the SMTP account chosen in the alert settings.
 */
export async function checkIntegrationHealth(deps: HealthMonitorDeps): Promise<{ raised: HealthAlert[]; cleared: number }> {
  const health = await readIntegrationHealth(deps);
  const current = new Map<string, NewAlert & { subjectName: string }>();
  for (const connection of health.connections) {
    for (const flag of connection.flags) current.set(keyOf('connection', connection.id, flag.condition), { subjectKind: 'connection', subjectId: connection.id, subjectName: connection.name, ...flag });
  }
  for (const trigger of health.triggers) {
    for (const flag of trigger.flags) current.set(keyOf('trigger', trigger.id, flag.condition), { subjectKind: 'trigger', subjectId: trigger.id, subjectName: trigger.recipeName, ...flag });
  }
  const now = deps.now();
  const { raised, cleared } = await deps.database.write(async (trx) => {
    const open = await healthRepo.openAlerts(trx);
    const openKeys = new Set(open.map((alert) => keyOf(alert.subject_kind, alert.subject_id, alert.condition)));
    let clearedCount = 0;
    for (const alert of open) {
      if (current.has(keyOf(alert.subject_kind, alert.subject_id, alert.condition))) continue;
      await healthRepo.clear(trx, alert.id, now);
      clearedCount++;
    }
    const raisedNow: Raised[] = [];
    for (const [key, alert] of current) {
      if (openKeys.has(key)) continue;
      const { subjectName, ...stored } = alert;
      raisedNow.push({ ...toAlertView(await healthRepo.raise(trx, stored, now)), subjectName });
    }
    if (raisedNow.length > 0) await startAlertHandlers(trx, raisedNow, deps, now);
    return { raised: raisedNow, cleared: clearedCount };
  });
  if (raised.length > 0) {
    deps.log.warn({ alerts: raised.map(({ subjectKind, subjectId, condition }) => ({ subjectKind, subjectId, condition })) }, 'integration alerts raised');
    deps.onEnqueued?.();
    await mailOwners(deps, raised);
  }
  return { raised, cleared };
}

const keyOf = (kind: string, id: string, condition: string) => `${kind}:${id}:${condition}`;

type Trx = Parameters<Parameters<HealthMonitorDeps['database']['write']>[0]>[0];

/** Error-handler recipes (`core/recipe-failed`) that set `alerts: true` get each alert as an event. */
async function startAlertHandlers(trx: Trx, alerts: Raised[], deps: HealthMonitorDeps, now: number): Promise<void> {
  const handlers = (await triggerRepo.activeOfKind(trx, 'core/recipe-failed')).filter(
    (handler) => handler.version_id !== null && fromJson<{ input?: { alerts?: boolean } }>(handler.config)?.input?.alerts === true,
  );
  const deliveries = handlers.flatMap((handler) =>
    alerts.map((alert) => ({
      source: handler.id,
      dedupeKey: `alert:${alert.id}`,
      run: {
        recipeId: handler.recipe_id,
        versionId: handler.version_id!,
        triggerKind: 'core/recipe-failed',
        event: { body: alertEvent(alert, deps.publicUrl) },
        deadlineAt: now + deps.runTimeoutMs,
      },
    })),
  );
  if (deliveries.length > 0) await inboxRepo.ingest(trx, deliveries, now);
}

export function alertEvent(alert: Raised, publicUrl: string) {
  return {
    kind: 'integration_alert',
    alert: {
      id: alert.id,
      condition: alert.condition,
      message: alert.message,
      subject: { kind: alert.subjectKind, id: alert.subjectId, name: alert.subjectName },
      raisedAt: alert.raisedAt,
    },
    url: `${publicUrl}/health`,
  };
}

const headlines: Record<HealthCondition, string> = {
  needs_reconnect: 'needs to be reconnected',
  connection_failing: 'is failing',
  trigger_silent: 'has gone silent',
  trigger_failing: 'is failing',
};

/** One email for everything raised in this pass; a failure to send is logged and leaves the alerts unnotified. */
async function mailOwners(deps: HealthMonitorDeps, alerts: Raised[]): Promise<void> {
  const settings = await readAlertSettings(deps.database.db);
  if (settings.smtpConnectionId === null) return;
  try {
    const smtpPack = await deps.registry.pack('smtp');
    if (!smtpPack) throw new Error('the smtp pack is not installed');
    const account = await deps.connections.resolve(settings.smtpConnectionId, smtpPack.manifest);
    const to = settings.recipients.length > 0 ? settings.recipients : (await userRepo.list(deps.database.db)).filter((user) => user.role === 'owner').map((user) => user.email);
    const lines = alerts.map((alert) => `- ${alert.subjectKind === 'connection' ? 'Connection' : 'Trigger of'} "${alert.subjectName}" ${headlines[alert.condition]}: ${alert.message}`);
    const subject = alerts.length === 1 ? `Switchyard: "${alerts[0]!.subjectName}" ${headlines[alerts[0]!.condition]}` : `Switchyard: ${alerts.length} integrations need attention`;
    await sendEmail(smtpSettingsFromFields(account.fields), { to, subject, text: `${lines.join('\n')}\n\nSee ${deps.publicUrl}/health\n` }, { egress: deps.egress });
    const at = deps.now();
    await deps.database.write(async (trx) => {
      for (const alert of alerts) await healthRepo.markNotified(trx, alert.id, at);
    });
  } catch (error) {
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not mail integration alerts to the owners');
  }
}

/** Runs the monitor every `intervalMs` on the scheduler leader; a failing pass is logged, never fatal. */
export function startHealthMonitor(deps: HealthMonitorDeps, options: { intervalMs: number }) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = checkIntegrationHealth(deps).catch((error: unknown) => deps.log.warn({ err: error }, 'integration health check failed'));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
