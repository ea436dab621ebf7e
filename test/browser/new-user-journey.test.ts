import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';
import { addPostToSink, chooseHttpBody, fillAmountOver100, pickStep } from './builder-moves.js';

const screenshots = fileURLToPath(new URL('./screenshots/new-user-journey/', import.meta.url));
const email = 'new@example.com';
const password = 'a long enough password';

/**
 * The path issue 5 names, end to end in one browser on a server that has no owner yet: set up, build a webhook
 * recipe from captured data, test it, publish it, watch runs come in, and repair a failed one by replaying it.
 */
describe('a new user: owner → webhook recipe built from a captured event → publish → runs → replay a failure', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let browser: Browser;
  let page: Page;
  let webhookUrl = '';
  const problems: string[] = [];
  const nav = (section: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click();
  const shot = async (name: string) => {
    // Drawers slide in: wait for running transitions, but not for endless ones (the "waiting for deliveries" loader).
    // Given as text: tests have no DOM types.
    await page.evaluate(
      'Promise.allSettled(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished))',
    );
    await page.screenshot({ path: `${screenshots}${name}.png` });
  };
  const shotOnFailure = () =>
    onTestFailed(async ({ task }) => {
      await page.screenshot({ path: `${screenshots}failed-${task.name.replaceAll(/\W+/g, '-')}.png` });
    });
  const savedDraft = () => page.getByText('All changes saved').waitFor();
  const closePanel = async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').first().waitFor({ state: 'hidden' });
  };
  const postJson = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch({ owner: false }));
    sink = await Sink.start();
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await sink?.close();
  });

  it('creates the owner and a new recipe, which opens in the builder', async () => {
    shotOnFailure();
    await page.goto(server.baseUrl);
    await page.getByRole('heading', { name: 'Create the owner' }).waitFor();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Create the owner' }).click();
    await page.getByText('No recipes yet').waitFor();
    await page.getByRole('button', { name: 'New recipe' }).click();
    const dialog = page.getByRole('dialog', { name: 'New recipe' });
    await dialog.getByLabel('Name').fill('Big orders to the warehouse');
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await page.waitForURL(/\/recipes\/rcp_/);
    await page.getByRole('button', { name: /^Trigger: Manual/ }).waitFor();
    await shot('01-new-recipe');
  });

  it('imports a YAML recipe file, pointing at the line and column of a broken one', async () => {
    shotOnFailure();
    await page.getByRole('link', { name: 'Recipes' }).first().click();
    const upload = async (name: string, content: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import' }).click();
      await (await chooser).setFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(content) });
    };
    await upload('broken.yaml', 'name: Broken\nsteps:\n  - id: x\n   use: core/formatter\n');
    const failure = page.getByRole('dialog', { name: 'The recipe was not imported' });
    await failure.getByText('The file is not valid YAML (line 4, column 1)', { exact: false }).waitFor();
    await shot('02-yaml-problem');
    await page.keyboard.press('Escape');
    await failure.waitFor({ state: 'hidden' });
    await upload(
      'greeting.yml',
      ['name: Greeting', 'folder: imported', 'trigger:', '  use: core/manual', 'steps:', '  - id: shout', '    use: core/formatter', '    input:', '      operation: text.upper', '      value: hello', ''].join('\n'),
    );
    await page.getByText('Imported "Greeting" as a draft.').waitFor();
    await page.getByRole('region', { name: 'imported' }).getByRole('link', { name: 'Greeting' }).waitFor();
    await page.getByRole('link', { name: 'Big orders to the warehouse' }).click();
    await page.getByRole('button', { name: /^Trigger: Manual/ }).waitFor();
  });

  it('chooses the webhook trigger and catches a real delivery at its test URL', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: /^Trigger: Manual/ }).click();
    await page.getByRole('button', { name: 'Change trigger' }).click();
    await page.getByRole('dialog', { name: 'Choose the trigger' }).waitFor();
    await page.getByRole('button', { name: 'Webhook (Built in)' }).click();
    // At once, before the autosave: testing saves the changed trigger first.
    await page.getByRole('button', { name: 'Test trigger' }).click();
    const testUrl = (await page.getByTestId('test-url').textContent())!;
    expect(testUrl).toMatch(/\/hooks\/test\/[A-Za-z0-9_-]+$/);
    expect((await postJson(testUrl, { id: 'o-1', amount: 250 })).status).toBe(200);
    await page.getByTestId('trigger-event').first().getByText('In use').waitFor();
    await page.getByText('"amount": 250').waitFor();
    await shot('03-event-captured');
    await closePanel();
    await savedDraft();
  });

  it('adds a filter on the captured amount and an HTTP step to the sink, and tests that step', async () => {
    shotOnFailure();
    await pickStep(page, 'Add the first step here', 'only continue', 'Only continue if… (Flow)');
    await fillAmountOver100(page);
    await closePanel();
    await savedDraft();

    await addPostToSink(page, sink.url);
    await chooseHttpBody(page, 'JSON');
    await page.getByLabel('JSON body').fill('{ "id": "{{trigger.body.id}}", "amount": "{{trigger.body.amount}}" }');
    await page.getByLabel('Name', { exact: true }).click();
    await page.getByRole('button', { name: 'Test step' }).click();
    await page.getByRole('button', { name: 'Run the test' }).click();
    const output = page.getByTestId('step-test-output');
    await output.getByText('"status": 200').waitFor();
    await output.scrollIntoViewIfNeeded();
    await shot('04-step-tested');
    expect(sink.requestsTo('/orders/o-1').map((request) => request.json)).toEqual([{ id: 'o-1', amount: 250 }]);
    await closePanel();
    await savedDraft();
  });

  it('publishes; live webhooks make runs, the filter stops a small order and a refused order fails', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: 'Publish' }).click();
    webhookUrl = (await page.getByTestId('webhook-url').textContent())!;
    expect(webhookUrl).toMatch(/\/hooks\//);
    await shot('05-published');
    // The warehouse refuses o-4 once (400 is not retried); the replay later finds it accepted.
    sink.script('/orders/o-4', [{ status: 400, body: { error: 'unknown customer' } }]);
    for (const order of [{ id: 'o-2', amount: 500 }, { id: 'o-3', amount: 5 }, { id: 'o-4', amount: 300 }]) {
      expect((await postJson(webhookUrl, order)).status).toBe(202);
    }
    await sink.waitUntil((requests) => requests.some((r) => r.path === '/orders/o-2') && requests.some((r) => r.path === '/orders/o-4'), 15_000, 'o-2 and o-4 at the sink');

    await nav('Runs');
    // The note naming the recipe's webhook URL belongs to the builder: it is gone once the user leaves.
    await expect.poll(() => page.getByText('Send webhooks to').count()).toBe(0);
    await page.getByRole('link', { name: /, failed$/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('link', { name: /, succeeded$/ }).count(), { timeout: 15_000 }).toBe(2);
    await shot('06-runs');
    expect(sink.requestsTo('/orders/o-3')).toEqual([]);
  });

  it('opens the failed run and replays it from the failed step, which now succeeds', async () => {
    shotOnFailure();
    await page.getByRole('link', { name: /, failed$/ }).click();
    await page.getByRole('heading', { name: 'Run of Big orders to the warehouse' }).waitFor();
    await page.getByText('HTTP_400').first().waitFor();
    await shot('07-failed-run');
    await page.getByRole('button', { name: 'Replay from the failed step' }).click();
    const replay = page.getByRole('dialog', { name: 'Replay this run' });
    await replay.getByText('These steps change things outside Switchyard and will do so again').waitFor();
    await shot('08-replay-preview');
    const original = page.url();
    await replay.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.waitForURL((url) => url.href !== original && url.pathname.startsWith('/runs/run_'));
    await page.getByText('the original run').waitFor();
    await page.getByRole('heading', { name: 'Run of Big orders to the warehouse' }).locator('..').getByText('succeeded').waitFor({ timeout: 15_000 });
    await shot('09-replay-succeeded');
    expect(sink.requestsTo('/orders/o-4').map((request) => request.json)).toEqual([
      { id: 'o-4', amount: 300 },
      { id: 'o-4', amount: 300 },
    ]);
    expect(problems).toEqual([]);
  });
});
