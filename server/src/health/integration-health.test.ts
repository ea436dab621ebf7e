import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationHealth } from '../contracts/integration-health.js';
import { startSmtpTestServer, type SmtpTestServer } from '../email/smtp-test-server.js';
import { connectionRepo } from '../storage/connection-repo.js';
import { dayMs, healthRepo } from '../storage/health-repo.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

/**
 * The health view and the alert monitor in one system: a connection that needs reconnecting and a webhook
 * trigger gone silent are flagged, raised once, mailed to the owner through the SMTP account in the alert
 * settings, handed to error-handler recipes that asked for alerts, and cleared when they recover.
 */
describe('integration health', () => {
  let system: TestSystem;
  let smtp: SmtpTestServer;
  let connectionId: string;
  let staleId: string;
  let triggerId: string;
  let alertHandler: string;
  let failureOnlyHandler: string;

  beforeAll(async () => {
    system = await startTestSystem();
    smtp = await startSmtpTestServer();
    const account = await system.api('POST', '/connections', {
      packId: 'smtp',
      name: 'Alerts relay',
      fields: { host: '127.0.0.1', port: smtp.port, security: 'none', from_address: 'switchyard@example.com' },
    });
    expect(account.status).toBe(201);
    connectionId = account.body.connection.id;
    const stale = await system.api('POST', '/connections', { packId: 'smtp', name: 'Old relay', fields: { host: '127.0.0.1', port: smtp.port, security: 'none' } });
    expect(stale.body).toMatchObject({ connection: { status: 'ok' } });
    staleId = stale.body.connection.id;
    expect((await system.api('PUT', '/integrations/alert-settings', { smtpConnectionId: connectionId, recipients: ['ops@example.com'] })).status).toBe(200);

    const webhook = await system.publish({ trigger: { use: 'core/webhook' }, steps: [] }, 'Orders from the shop');
    triggerId = (await system.api('GET', `/recipes/${webhook.recipeId}`)).body.trigger.id;
    // Forty deliveries a day for two weeks, then nothing for twelve hours.
    const now = Date.now();
    await system.wired.database.write(async (trx) => {
      await trx.updateTable('triggers').set({ enabled_at: now - 20 * dayMs }).where('id', '=', triggerId).execute();
      const rows = Array.from({ length: 14 * 40 }, (_, index) => ({ id: `ibx_${index}`, source: triggerId, dedupe_key: `d${index}`, run_id: null, received_at: now - 12 * 3_600_000 - index * (dayMs / 40) }));
      for (let start = 0; start < rows.length; start += 100) await trx.insertInto('inbox').values(rows.slice(start, start + 100)).execute();
    });
    alertHandler = (await system.publish({ trigger: { use: 'core/recipe-failed', input: { alerts: true } }, steps: [] }, 'Page the on-call')).recipeId;
    failureOnlyHandler = (await system.publish({ trigger: { use: 'core/recipe-failed' }, steps: [] }, 'Failed runs only')).recipeId;
  });
  afterAll(async () => {
    await smtp?.close();
    await system?.close();
  });

  const health = async () => (await system.api('GET', '/integrations/health')).body as IntegrationHealth;
  const runsOf = async (recipeId: string) => ((await system.api('GET', `/runs?recipe=${recipeId}`)).body as { runs: { id: string }[] }).runs;

  it('shows events per day and flags a webhook trigger that went quiet against its usual rate', async () => {
    const trigger = (await health()).triggers.find((entry) => entry.id === triggerId)!;
    expect(trigger).toMatchObject({ recipeName: 'Orders from the shop', kind: 'webhook' });
    expect(trigger.usualPerDay).toBeCloseTo(40, 0);
    expect(trigger.days).toHaveLength(14);
    // Full days before the quiet spell.
    expect(trigger.days.slice(0, -2).every((day) => day.events >= 39 && day.events <= 41)).toBe(true);
    expect(trigger.flags).toEqual([{ condition: 'trigger_silent', message: expect.stringContaining('no delivery for 12 hours, though it usually gets about 40 a day') }]);
  });

  it('shows calls and failures per connection and flags one that needs reconnecting', async () => {
    const now = Date.now();
    await system.wired.database.write((trx) =>
      healthRepo.addConnectionTallies(trx, [
        { connectionId: staleId, day: Math.floor(now / dayMs), calls: 3, failures: 1, lastCallAt: now, lastFailureAt: now - 1000, lastFailure: 'HTTP 500' },
        { connectionId: staleId, day: Math.floor(now / dayMs), calls: 2, failures: 0, lastCallAt: now - 500, lastFailureAt: null, lastFailure: null },
      ]),
    );
    await connectionRepo.setHealth(system.wired.database.db, staleId, { status: 'needs_reauth', status_message: 'the refresh token was revoked', last_checked_at: now });
    const connection = (await health()).connections.find((entry) => entry.id === staleId)!;
    expect(connection.days.at(-1)).toMatchObject({ events: 5, failures: 1 });
    expect(connection).toMatchObject({ lastCallAt: now, lastFailure: 'HTTP 500', refresh: 'not_oauth' });
    expect(connection.flags).toEqual([{ condition: 'needs_reconnect', message: 'the refresh token was revoked' }]);
  });

  it('raises each condition once, mails one digest, and starts only the handlers that asked for alerts', async () => {
    const first = (await system.api('POST', '/integrations/health/check')).body as { raised: { condition: string; notifiedAt: number | null }[] };
    expect(first.raised.map((alert) => alert.condition).sort()).toEqual(['needs_reconnect', 'trigger_silent']);
    const second = (await system.api('POST', '/integrations/health/check')).body as { raised: unknown[]; cleared: number };
    expect(second).toEqual({ raised: [], cleared: 0 });

    await system.waitFor(async () => (smtp.received.length >= 1 ? true : undefined), 'the alert email');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.rcptTo).toEqual(['ops@example.com']);
    expect(smtp.received[0]!.parsed.subject).toBe('Switchyard: 2 integrations need attention');
    expect(smtp.received[0]!.parsed.text).toContain('Trigger of "Orders from the shop" has gone silent');
    expect(smtp.received[0]!.parsed.text).toContain('Connection "Old relay" needs to be reconnected');
    expect((await health()).alerts.every((alert) => alert.notifiedAt !== null)).toBe(true);

    const handled = await system.waitFor(async () => ((await runsOf(alertHandler)).length === 2 ? runsOf(alertHandler) : undefined), 'two alert runs');
    const events = await Promise.all(handled.map(async (run) => (await system.waitForRun(run.id)).trigger as { body: { kind: string; alert: { condition: string; subject: { name: string } } } }));
    expect(events.map((event) => [event.body.kind, event.body.alert.condition]).sort()).toEqual([['integration_alert', 'needs_reconnect'], ['integration_alert', 'trigger_silent']]);
    expect(await runsOf(failureOnlyHandler)).toEqual([]);
  });

  it('clears an alert once its condition is gone', async () => {
    await system.wired.database.write((trx) => trx.insertInto('inbox').values({ id: 'ibx_new', source: triggerId, dedupe_key: 'fresh', run_id: null, received_at: Date.now() }).execute());
    expect(((await system.api('POST', '/integrations/health/check')).body as { cleared: number }).cleared).toBe(1);
    const alerts = (await health()).alerts;
    expect(alerts.find((alert) => alert.condition === 'trigger_silent')!.clearedAt).not.toBeNull();
    expect(alerts.find((alert) => alert.condition === 'needs_reconnect')!.clearedAt).toBeNull();
  });

  it('refuses an alert account that is not an SMTP account, and lets only owners change it', async () => {
    const other = await system.api('PUT', '/integrations/alert-settings', { smtpConnectionId: 'con_missing', recipients: [] });
    expect(other.status).toBe(422);
    expect(other.body.error.problems).toEqual([{ path: '/smtpConnectionId', message: 'no such connection' }]);
    const editor = await system.addUser('editor');
    expect((await system.api('PUT', '/integrations/alert-settings', { smtpConnectionId: null, recipients: [] }, { token: editor })).status).toBe(403);
    expect((await system.api('GET', '/integrations/health', undefined, { token: editor })).status).toBe(200);
  });
});
