import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';
import { addPostToSink, chooseHttpBody, fillAmountOver100 } from './builder-moves.js';

const screenshots = fileURLToPath(new URL('./screenshots/builder/', import.meta.url));

interface RunSummary {
  id: string;
  status: string;
}

describe('the builder: webhook → filter with a pill → HTTP to a sink with pills → publish → a run succeeds', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let browser: Browser;
  let page: Page;
  let recipeId = '';
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png` });

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    sink = await Sink.start();
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
    const created = await server.api<{ id: string }>('POST', '/recipes', { name: 'Big orders to the sink', trigger: { use: 'core/manual' }, steps: [] });
    expect(created.status).toBe(201);
    recipeId = created.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await sink?.close();
  });

  const shotOnFailure = () => onTestFailed(async ({ task }) => {
    await page.screenshot({ path: `${screenshots}failed-${task.name.replaceAll(/\W+/g, '-')}.png` });
  });

  const savedDraft = () => page.getByText('All changes saved').waitFor();

  it('chooses the webhook trigger from the picker', async () => {
    await page.goto(`${server.baseUrl}/recipes/${recipeId}`);
    await page.getByRole('button', { name: /^Trigger: Manual/ }).click();
    await page.getByRole('button', { name: 'Change trigger' }).click();
    await page.getByRole('dialog', { name: 'Choose the trigger' }).waitFor();
    await page.getByRole('button', { name: 'Webhook (Built in)' }).click();
    await page.getByLabel('Deduplicate by').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Trigger: Webhook/ }).waitFor();
    await savedDraft();
    const recipe = await server.api<{ definition: { trigger: { use: string } } }>('GET', `/recipes/${recipeId}`);
    expect(recipe.body.definition.trigger.use).toBe('core/webhook');
  });

  it('has sample data once the recipe ran with an order', async () => {
    const run = await server.api<{ runId: string }>('POST', `/recipes/${recipeId}/run`, { version: 'latest', input: { id: 'o-1', amount: 250 } });
    expect(run.status).toBe(202);
    await waitFor(async () => (await server.api<RunSummary>('GET', `/runs/${run.body.runId}`)).body.status === 'succeeded', { timeoutMs: 10_000, what: 'the sample run' });
    await page.reload();
  });

  it('adds a filter whose rule takes the amount as a pill', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: 'Add the first step here' }).click();
    await page.getByRole('dialog', { name: 'Add a step' }).waitFor();
    await page.getByRole('textbox', { name: 'Search' }).fill('only continue');
    await shot('01-picker');
    await page.getByRole('button', { name: 'Only continue if… (Flow)' }).click();
    await fillAmountOver100(page);
    await shot('02-filter-panel');
    await page.keyboard.press('Escape');
    await savedDraft();
  });

  it('adds an HTTP step posting to the sink, with pills in the URL and a header', async () => {
    shotOnFailure();
    await addPostToSink(page, sink.url);
    await page.getByRole('button', { name: 'Add headers' }).click();
    await page.getByLabel('Headers 1 name').fill('x-amount');
    await page.getByLabel('Headers 1 value').click();
    await page.getByRole('button', { name: 'Insert trigger body › amount' }).click();
    await chooseHttpBody(page, 'JSON');
    await page.getByLabel('JSON body').fill('{ "id": "{{trigger.body.id}}", "amount": "{{trigger.body.amount}}" }');
    await page.getByLabel('Name', { exact: true }).click();
    await shot('03-http-panel');
    await page.keyboard.press('Escape');
    await savedDraft();
    await shot('04-canvas');
    const recipe = await server.api<{ definition: { steps: { id: string; use: string; input: Record<string, unknown> }[] } }>('GET', `/recipes/${recipeId}`);
    expect(recipe.body.definition.steps).toEqual([
      { id: 'filter', use: 'core/filter', input: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: '100' }] } },
      {
        id: 'http',
        use: 'core/http',
        input: {
          method: 'POST',
          url: `${sink.url}/orders/{{trigger.body.id}}`,
          headers: { 'x-amount': '{{trigger.body.amount}}' },
          json: { id: '{{trigger.body.id}}', amount: '{{trigger.body.amount}}' },
        },
      },
    ]);
  });

  it('publishes, and a webhook makes a run that posts to the sink', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: 'Publish' }).click();
    const webhookUrl = await page.getByTestId('webhook-url').textContent();
    expect(webhookUrl).toMatch(/\/hooks\//);
    await shot('05-published');
    const hook = await fetch(webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'o-2', amount: 500 }) });
    expect(hook.status).toBe(202);
    await sink.waitUntil((requests) => requests.some((request) => request.path === '/orders/o-2'), 15_000, 'the order at the sink');
    const request = sink.requestsTo('/orders/o-2')[0]!;
    expect(request.headers['x-amount']).toBe('500');
    expect(JSON.parse(request.body)).toEqual({ id: 'o-2', amount: 500 });
    const run = await waitFor(
      async () => {
        const { body } = await server.api<{ runs: RunSummary[] }>('GET', `/runs?recipe=${recipeId}&limit=1`);
        return body.runs[0]?.status === 'succeeded' ? body.runs[0] : undefined;
      },
      { timeoutMs: 10_000, what: 'the webhook run to succeed' },
    );
    expect(run.status).toBe('succeeded');
    expect(problems).toEqual([]);
  });

  it('draws paths side by side and a loop as a frame, and points at the field a refused save names', async () => {
    shotOnFailure();
    const created = await server.api<{ id: string }>('POST', '/recipes', {
      name: 'Routing',
      trigger: { use: 'core/webhook' },
      steps: [
        {
          id: 'route',
          use: 'core/paths',
          paths: [
            { name: 'Big', when: { all: [{ left: '{{trigger.body.amount}}', op: 'gt', right: 100 }] }, steps: [{ id: 'notify', use: 'core/http', input: { url: `${sink.url}/big` } }] },
            { name: 'Small', steps: [] },
          ],
        },
        { id: 'each', use: 'core/loop', input: { items: '{{trigger.body.items}}' }, steps: [{ id: 'ping', use: 'core/http', input: { url: `${sink.url}/item` } }] },
      ],
    });
    expect(created.status).toBe(201);
    await page.goto(`${server.baseUrl}/recipes/${created.body.id}`);
    await page.getByRole('button', { name: 'Step: HTTP request' }).first().waitFor();
    await page.getByText('For each item: each').waitFor();
    await shot('06-paths-and-loop');
    await page.getByRole('button', { name: /^Step: HTTP request/ }).first().click();
    await page.getByLabel('URL').fill('{{steps.ping.output.status}}');
    await page.keyboard.press('Escape');
    await page.getByText('Not saved: fix the problems marked in red').waitFor();
    await page.getByText('{{steps.ping…}} does not name a step that runs before this one').waitFor();
    await page.getByRole('button', { name: /problem/ }).first().waitFor();
    await shot('07-refused-save');
  });
});
