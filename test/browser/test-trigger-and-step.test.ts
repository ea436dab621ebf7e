import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';
import { addPostToSink, chooseHttpBody, fillAmountOver100, pickStep } from './builder-moves.js';

const screenshots = fileURLToPath(new URL('./screenshots/test-trigger-and-step/', import.meta.url));
const secret = 'browser-test-secret';

describe('the builder tests: catch a signed webhook at a test URL, use it in a pill, test an HTTP step against a sink', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let browser: Browser;
  let page: Page;
  let recipeId = '';
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png` });
  const shotOnFailure = () =>
    onTestFailed(async ({ task }) => {
      await page.screenshot({ path: `${screenshots}failed-${task.name.replaceAll(/\W+/g, '-')}.png` });
    });
  const savedDraft = () => page.getByText('All changes saved').waitFor();
  /** Escape, then wait until the drawer has gone, so the next click reaches the canvas. */
  const closePanel = async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').first().waitFor({ state: 'hidden' });
  };

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    sink = await Sink.start();
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
    const created = await server.api<{ id: string }>('POST', '/recipes', {
      name: 'Signed orders',
      trigger: { use: 'core/webhook', input: { verification: { scheme: 'hmac', secret, header: 'x-signature', prefix: 'sha256=' } } },
      steps: [],
    });
    expect(created.status).toBe(201);
    recipeId = created.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await sink?.close();
  });

  it('listens at a test URL and shows the signed delivery sent there', async () => {
    shotOnFailure();
    await page.goto(`${server.baseUrl}/recipes/${recipeId}`);
    await page.getByRole('button', { name: /^Trigger: Webhook/ }).click();
    await page.getByRole('button', { name: 'Test trigger' }).click();
    const testUrl = (await page.getByTestId('test-url').textContent())!;
    expect(testUrl).toMatch(/\/hooks\/test\/[A-Za-z0-9_-]+$/);
    await page.getByText(/Waiting for deliveries until/).waitFor();
    await shot('01-listening');

    const send = (body: string, key: string) =>
      fetch(testUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': `sha256=${createHmac('sha256', key).update(body).digest('hex')}` },
        body,
      });
    expect((await send('{"id":"forged"}', 'wrong-secret')).status).toBe(401);
    // The forged delivery shows as refused, with why, and never as an event to use.
    await page.getByTestId('refused-delivery').getByText(/signature/).waitFor();
    const body = JSON.stringify({ id: 'o-9', amount: 250 });
    expect((await send(body, secret)).status).toBe(200);
    await page.getByTestId('trigger-event').first().getByText('In use').waitFor();
    await expect(page.getByTestId('trigger-event').count()).resolves.toBe(1);
    await page.getByText('"amount": 250').waitFor();
    await shot('02-event-captured');
    // Closing and reopening the panel keeps the URL live and the event in use.
    await closePanel();
    await page.getByRole('button', { name: /^Trigger: Webhook/ }).click();
    await page.getByTestId('trigger-event').first().getByText('In use').waitFor();
    await expect(page.getByTestId('test-url').textContent()).resolves.toBe(testUrl);
    await closePanel();
  });

  it('adds a filter whose rule takes the captured amount as a pill', async () => {
    shotOnFailure();
    await pickStep(page, 'Add the first step here', 'only continue', 'Only continue if… (Flow)');
    await fillAmountOver100(page);
    await shot('03-filter-with-pill');
    await closePanel();
    await savedDraft();
  });

  it('tests an HTTP step with the captured event: the sink gets it and the output is shown', async () => {
    shotOnFailure();
    await addPostToSink(page, sink.url);
    await chooseHttpBody(page, 'JSON');
    await page.getByLabel('JSON body').fill('{ "id": "{{trigger.body.id}}", "amount": "{{trigger.body.amount}}" }');
    await page.getByLabel('Name', { exact: true }).click();
    await page.getByRole('button', { name: 'Test step' }).click();
    await page.getByRole('dialog', { name: 'Test this step for real?' }).waitFor();
    // Only so the screenshot shows the dialog after its fade-in.
    await page.waitForTimeout(300);
    await shot('04-confirm');
    await page.getByRole('button', { name: 'Run the test' }).click();
    const output = page.getByTestId('step-test-output');
    await output.getByText('"status": 200').waitFor();
    await output.scrollIntoViewIfNeeded();
    await shot('05-step-output');

    const request = sink.requestsTo('/orders/o-9')[0];
    expect(request && JSON.parse(request.body)).toEqual({ id: 'o-9', amount: 250 });
    const runs = await server.api<{ runs: unknown[] }>('GET', `/runs?recipe=${recipeId}`);
    expect(runs.body.runs).toEqual([]);
    await closePanel();
    await savedDraft();
  });

  it("offers the tested step's output as pills to a later step", async () => {
    shotOnFailure();
    await pickStep(page, 'Add a step at the end', 'http', 'HTTP request (Developer)');
    await page.getByLabel('URL').click();
    await page.getByRole('button', { name: 'Insert http status' }).scrollIntoViewIfNeeded();
    await shot('06-output-pills');
    await closePanel();
  });

  it("picks a recent run's event, then the trigger's sample", async () => {
    shotOnFailure();
    const run = await server.api<{ runId: string }>('POST', `/recipes/${recipeId}/run`, { version: 'latest', input: { id: 'o-10', amount: 5 } });
    expect(run.status).toBe(202);
    await page.getByRole('button', { name: /^Trigger: Webhook/ }).click();
    await page.getByRole('button', { name: 'Load recent events' }).click();
    const fromRun = page.getByTestId('trigger-event').filter({ hasText: 'Run at' });
    await fromRun.getByText('"id": "o-10"').waitFor();
    await fromRun.getByRole('button', { name: /^Use the event: Run at/ }).click();
    await fromRun.getByText('In use').waitFor();
    await page.getByRole('button', { name: 'Use sample' }).click();
    await page.getByText('Using the trigger’s sample').waitFor();
    await closePanel();
    await page.setViewportSize({ width: 768, height: 900 });
    await page.getByRole('button', { name: /^Trigger: Webhook/ }).click();
    await page.getByTestId('trigger-event').first().waitFor();
    await page.waitForTimeout(300); // the drawer's slide-in, for the screenshot only
    await shot('07-trigger-at-768');
    await closePanel();
    expect(problems).toEqual([]);
  });
});
