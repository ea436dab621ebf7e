import type { ConnectionHealth, HealthAlert, IntegrationHealth, TriggerHealth } from '@switchyard/server/contracts';
import { describe, expect, it } from 'vitest';
import { connectionAction, openAlerts, recipeAction } from './health-flags';

const days = [{ date: '2026-11-27', events: 0, failures: 0 }];
const connection: ConnectionHealth = {
  id: 'con_1', name: 'Slack (team)', packId: 'slack', status: 'needs_reauth', statusMessage: null, refresh: 'needs_reconnect', tokenExpiresAt: null,
  lastCallAt: null, lastFailureAt: null, lastFailure: null, days, flags: [],
};
const trigger: TriggerHealth = {
  id: 'trg_1', recipeId: 'rcp 1', recipeName: 'Orders', use: 'core/webhook', kind: 'webhook', lastEventAt: null, usualPerDay: null, lastError: null, days, flags: [],
};

const alert = (id: string, subjectKind: HealthAlert['subjectKind'], subjectId: string, condition: HealthAlert['condition'], clearedAt: number | null = null): HealthAlert => ({
  id, subjectKind, subjectId, condition, message: 'something', raisedAt: 1, clearedAt, notifiedAt: null,
});

const health = (alerts: HealthAlert[]): IntegrationHealth => ({ connections: [connection], triggers: [trigger], alerts });

describe('flags and alerts', () => {
  it('sends a connection needing reconnection to Reconnect it in its own form, a failing one to check it, a trigger to its recipe', () => {
    expect(connectionAction('needs_reconnect', { id: 'con 1', name: 'Slack' })).toEqual({ label: 'Reconnect', to: '/connections?open=con%201', ariaLabel: 'Reconnect Slack' });
    expect(connectionAction('connection_failing', { id: 'con_1', name: 'Slack' })).toMatchObject({ label: 'Check connection', to: '/connections?open=con_1' });
    expect(recipeAction('rcp 1', 'Orders')).toEqual({ label: 'Open recipe', to: '/recipes/rcp%201', ariaLabel: 'Open recipe Orders' });
  });

  it('lists open alerts only, newest first as given, named after their connection or recipe', () => {
    const open = openAlerts(
      health([
        alert('a3', 'trigger', 'trg_1', 'trigger_silent'),
        alert('a2', 'connection', 'con_1', 'needs_reconnect'),
        alert('a1', 'connection', 'con_1', 'connection_failing', 5),
      ]),
    );
    expect(open.map((item) => [item.alert.id, item.subject, item.action?.label, item.action?.to])).toEqual([
      ['a3', 'Trigger of "Orders"', 'Open recipe', '/recipes/rcp%201'],
      ['a2', 'Connection "Slack (team)"', 'Reconnect', '/connections?open=con_1'],
    ]);
  });

  it('keeps an alert whose subject is gone, without an action', () => {
    const open = openAlerts(health([alert('a1', 'connection', 'con_gone', 'needs_reconnect'), alert('a2', 'trigger', 'trg_gone', 'trigger_silent')]));
    expect(open.map((item) => [item.subject, item.action])).toEqual([
      ['A deleted connection', null],
      ['A trigger no longer live', null],
    ]);
  });
});
