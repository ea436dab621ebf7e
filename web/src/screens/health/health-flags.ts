import type { HealthAlert, HealthCondition, IntegrationHealth } from '@switchyard/server/contracts';

/** The short name of each condition, shown before the server's sentence about it. */
export const conditionTitles: Record<HealthCondition, string> = {
  needs_reconnect: 'Needs reconnection',
  connection_failing: 'Calls failing',
  trigger_silent: 'Gone silent',
  trigger_failing: 'Trigger failing',
};

/** Where a person fixes the condition, and what the link says. */
export interface FlagAction {
  label: string;
  to: string;
  /** Names the subject, since several rows have the same link text. */
  ariaLabel: string;
}

/**
 * A connection is fixed in its form on the connections screen (reconnect or correct its fields there), which
 * that address opens; a trigger in its recipe (the builder shows the trigger and its test URL).
 */
export function connectionAction(condition: HealthCondition, connection: { id: string; name: string }): FlagAction {
  const label = condition === 'needs_reconnect' ? 'Reconnect' : 'Check connection';
  return { label, to: `/connections?open=${encodeURIComponent(connection.id)}`, ariaLabel: `${label} ${connection.name}` };
}

export function recipeAction(recipeId: string, recipeName: string): FlagAction {
  return { label: 'Open recipe', to: `/recipes/${encodeURIComponent(recipeId)}`, ariaLabel: `Open recipe ${recipeName}` };
}

/** An open alert with the name of what it is about and where to act; the subject may be gone (deleted). */
export interface OpenAlert {
  alert: HealthAlert;
  subject: string;
  action: FlagAction | null;
}

/** Alerts not cleared yet, newest first (the server's order), named after their connection or recipe. */
export function openAlerts(health: IntegrationHealth): OpenAlert[] {
  const connections = new Map(health.connections.map((connection) => [connection.id, connection]));
  const triggers = new Map(health.triggers.map((trigger) => [trigger.id, trigger]));
  return health.alerts
    .filter((alert) => alert.clearedAt === null)
    .map((alert) => {
      if (alert.subjectKind === 'connection') {
        const connection = connections.get(alert.subjectId);
        return connection
          ? { alert, subject: `Connection "${connection.name}"`, action: connectionAction(alert.condition, connection) }
          : { alert, subject: 'A deleted connection', action: null };
      }
      const trigger = triggers.get(alert.subjectId);
      return trigger
        ? { alert, subject: `Trigger of "${trigger.recipeName}"`, action: recipeAction(trigger.recipeId, trigger.recipeName) }
        : { alert, subject: 'A trigger no longer live', action: null };
    });
}
