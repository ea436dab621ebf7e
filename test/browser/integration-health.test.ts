import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { publishRecipe, waitForRuns, type PublishedRecipe } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { sendWebhooks } from '../support/send-webhooks.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';

const screenshots = fileURLToPath(new URL('./screenshots/integration-health/', import.meta.url));

describe('the Integration health screen', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let browser: Browser;
  let page: Page;
  let recipe: PublishedRecipe;
  let smtpId: string;
  let githubId: string;
  const problems: string[] = [];

  const shot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });

  const createConnection = async (body: Record<string, unknown>, query = '') => {
    const created = await server.api<{ connection: { id: string } }>('POST', `/connections${query}`, body);
    if (created.status !== 201) throw new Error(`POST /connections answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.connection.id;
  };

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    sink = own(await Sink.start());
    // The second order's step is refused by the "vendor", so its run fails and today's bar shows red.
    sink.script('/orders', [{ status: 200 }, { status: 400, body: { error: 'unknown customer' } }], { status: 200 });
    // Saved without the login check: nothing listens on that port, and no mail is sent in this test.
    smtpId = await createConnection(
      { packId: 'smtp', name: 'Alerts mailbox', fields: { host: '127.0.0.1', security: 'none', port: await freePort(), from_address: 'switchyard@example.com' } },
      '?skipTest=true',
    );
    // Created but never authorised: it needs (re)connecting, which the screen flags.
    githubId = await createConnection({ packId: 'github', name: 'GitHub (acme)', fields: { client_id: 'id', client_secret: 'secret' } });
    recipe = await publishRecipe(server, {
      name: 'Shop orders',
      trigger: { use: 'core/webhook' },
      steps: [{ id: 'forward', use: 'core/http', input: { method: 'POST', url: `${sink.url}/orders`, json: { id: '{{trigger.body.id}}' } } }],
    });
    const sent = await sendWebhooks(server.baseUrl, recipe.hookPath, [1, 2, 3].map((id) => ({ body: { id } })), { concurrency: 1 });
    expect(sent.map((result) => result.status)).toEqual([202, 202, 202]);
    await waitForRuns(server, recipe.id, 3);

    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
  });
  afterAll(() => browser?.close());

  it('is in the main navigation and shows every connection and live trigger with 14 days of traffic', async () => {
    await page.goto(`${server.baseUrl}/recipes`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).click();
    await page.getByRole('heading', { name: 'Integration health' }).waitFor();

    const connections = page.getByRole('table', { name: 'Connection health' });
    const github = connections.getByTestId('health-connection-GitHub (acme)');
    await github.getByTestId('flag-needs_reconnect').waitFor();
    expect(await github.getByText('Needs a new authorisation').count()).toBe(1);
    const reconnect = github.getByRole('link', { name: 'Reconnect GitHub (acme)' });
    expect(await reconnect.getAttribute('href')).toBe(`/connections?open=${githubId}`);
    expect(await connections.getByTestId('health-connection-Alerts mailbox').getByText('No token to refresh').count()).toBe(1);

    const trigger = page.getByRole('table', { name: 'Trigger health' }).getByTestId('health-trigger-Shop orders');
    expect(await trigger.getByRole('link', { name: 'Shop orders' }).getAttribute('href')).toBe(`/recipes/${recipe.id}`);
    expect(await trigger.getByText('Webhook', { exact: true }).count()).toBe(1);
    expect(await trigger.getByText('just now').count()).toBe(1);
    // Three deliveries today, one of whose runs failed: the chart says so and draws the failure in red.
    const chart = trigger.getByRole('img', { name: /^3 events in 14 days, 1 failed; 3 today$/ });
    await chart.waitFor();
    expect(await chart.locator('rect[data-failed]').count()).toBe(1);
    await shot('01-health-1280');
  });

  it('raises an alert on "Check now" and shows it on top with the way to fix it', async () => {
    expect(await page.getByTestId('no-open-alerts').count()).toBe(1);
    await page.getByRole('button', { name: 'Check now' }).click();
    const alert = page.getByRole('region', { name: 'Open alerts' }).getByTestId('alert-needs_reconnect');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Connection "GitHub (acme)": needs reconnection');
    expect(await alert.textContent()).toContain('Not emailed');
    await alert.getByRole('link', { name: 'Reconnect GitHub (acme)' }).click();
    await page.waitForURL(`${server.baseUrl}/connections?open=${githubId}`);
    await page.getByRole('dialog', { name: 'Edit GitHub (acme)' }).getByRole('button', { name: 'Save and reconnect' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Integration health' }).waitFor();
  });

  it('sets the alert emails by keyboard, showing a bad recipient under its field', async () => {
    const form = page.getByRole('form', { name: 'Alert emails' });
    expect(await form.getByRole('link', { name: 'Add an SMTP account' }).getAttribute('href')).toBe('/connections?pack=smtp');
    await form.getByRole('combobox', { name: 'SMTP account' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Alerts mailbox' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await form.getByRole('combobox', { name: 'SMTP account' }).inputValue()).toBe('Alerts mailbox');

    const recipients = form.getByLabel('Recipients', { exact: true });
    await recipients.focus();
    await page.keyboard.type('ops@example.com,not-an-email,');
    await form.getByRole('button', { name: 'Save alert settings' }).focus();
    const logged = problems.length;
    await page.keyboard.press('Enter');
    await form.getByText('Recipient "not-an-email": invalid email address.').waitFor();
    // The browser logs the 422 this save provokes on purpose; nothing else may be logged.
    expect(problems.splice(logged)).toEqual([expect.stringContaining('status of 422')]);
    expect(await recipients.getAttribute('aria-invalid')).toBe('true');
    await shot('02-recipient-problem');

    // Backspace in the empty input removes the last address.
    await recipients.focus();
    await page.keyboard.press('Backspace');
    await form.getByRole('button', { name: 'Save alert settings' }).click();
    await form.getByRole('status').getByText('alerts are mailed to ops@example.com').waitFor();
    const saved = await server.api('GET', '/integrations/alert-settings');
    expect(saved.body).toEqual({ smtpConnectionId: smtpId, recipients: ['ops@example.com'] });
  });

  it('offers error-handler recipes to start on integration alerts', async () => {
    const handler = await server.api<{ id: string }>('POST', '/recipes', { name: 'On alerts', trigger: { use: 'core/recipe-failed', input: {} }, steps: [] });
    expect(handler.status).toBe(201);
    await page.goto(`${server.baseUrl}/recipes/${handler.body.id}`);
    await page.getByRole('button', { name: /^Trigger: A recipe failed/ }).click();
    const alerts = page.getByRole('checkbox', { name: 'Also start on integration alerts' });
    expect(await alerts.isChecked()).toBe(false);
    await alerts.check();
    expect(await alerts.isChecked()).toBe(true);
  });

  it('fits a 768 px wide window, and logged no console errors', async () => {
    await page.goto(`${server.baseUrl}/health`);
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.reload();
    await page.getByRole('table', { name: 'Trigger health' }).waitFor();
    await shot('03-health-768');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
  });
});
