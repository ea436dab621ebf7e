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

const screenshots = fileURLToPath(new URL('./screenshots/history-and-run-canvas/', import.meta.url));

interface Version {
  id: string;
  number: number;
  state: string;
  definition: { steps: { id: string; input: { url?: string } }[] };
}

describe('version history and the run canvas: edit twice, compare, restore the first version, publish, open a failed run on the canvas', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let browser: Browser;
  let page: Page;
  let recipeId = '';
  let runId = '';
  const problems: string[] = [];
  const shot = async (name: string) => {
    // Drawers slide in: wait for running transitions so the picture shows where things end up.
    // A cancelled transition (a notification replaced) rejects; that is settled too. Given as text: tests have no DOM types.
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}${name}.png` });
  };
  const shotOnFailure = () =>
    onTestFailed(async ({ task }) => {
      await page.screenshot({ path: `${screenshots}failed-${task.name.replaceAll(/\W+/g, '-')}.png` });
    });

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    sink = await Sink.start();
    // The first version posts where the sink refuses (400, not retried); the edits point elsewhere.
    sink.script('/refuse', [], { status: 400, body: { error: 'no such order' } });
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
    const created = await server.api<{ id: string }>('POST', '/recipes', {
      name: 'Order sync',
      trigger: { use: 'core/manual' },
      steps: [
        { id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: 'order' } },
        { id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/refuse` } },
        { id: 'after', use: 'core/formatter', input: { operation: 'text.lower', value: 'DONE' } },
      ],
    });
    expect(created.status).toBe(201);
    recipeId = created.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await sink?.close();
  });

  const versions = async () => (await server.api<{ versions: Version[] }>('GET', `/recipes/${recipeId}/versions`)).body.versions;

  it('edits the HTTP step twice; each save is a version', async () => {
    shotOnFailure();
    await page.goto(`${server.baseUrl}/recipes/${recipeId}`);
    for (const path of ['/first-edit', '/second-edit']) {
      await page.getByRole('button', { name: /^Step: HTTP request/ }).click();
      await page.getByLabel('URL').fill(`${sink.url}${path}`);
      await page.keyboard.press('Escape');
      await page.getByText('All changes saved').waitFor();
      await waitFor(async () => (await versions())[0]!.definition.steps[1]!.input.url === `${sink.url}${path}`, { timeoutMs: 5000, what: `the save of ${path}` });
    }
    expect((await versions()).map((version) => version.number)).toEqual([3, 2, 1]);
  });

  it('opens the history and reads what changed between two versions', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: 'History' }).click();
    const drawer = page.getByRole('dialog', { name: 'Version history' });
    await drawer.getByRole('listitem', { name: 'Version 1' }).waitFor();
    // By default the newest version is compared with the one before it.
    const diff = drawer.getByTestId('version-diff');
    await diff.getByRole('table', { name: 'Changes to post' }).waitFor();
    await expect.poll(() => diff.getByRole('table', { name: 'Changes to post' }).innerText()).toContain(`${sink.url}/first-edit`);
    await shot('01-history-newest-two');
    await drawer.getByLabel('From').click();
    await page.getByRole('option', { name: 'Version 1 (previous)' }).click();
    await expect.poll(() => diff.getByRole('table', { name: 'Changes to post' }).innerText()).toContain(`${sink.url}/refuse`);
    const row = await diff.getByRole('table', { name: 'Changes to post' }).innerText();
    expect(row).toContain('input/url');
    expect(row).toContain(`${sink.url}/second-edit`);
    await shot('02-history-first-to-newest');
  });

  it('restores the first version as the new draft and publishes it', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByText('Version 1 restored').waitFor();
    await page.getByRole('dialog', { name: 'Version history' }).waitFor({ state: 'hidden' });
    const [restored] = await versions();
    expect(restored).toMatchObject({ number: 4, state: 'draft' });
    expect(restored!.definition.steps[1]!.input.url).toBe(`${sink.url}/refuse`);
    // The builder shows the restored definition, and saves nothing over it.
    await page.getByRole('button', { name: /^Step: HTTP request/ }).click();
    await expect.poll(() => page.getByLabel('URL').inputValue()).toBe(`${sink.url}/refuse`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published').first().waitFor();
    await shot('03-restored-and-published');
    // Opened again, the history shows the restored version as the published one.
    await page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'Version 4' }).innerText()).toMatch(/published/i);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Version history' }).waitFor({ state: 'hidden' });
    expect((await versions()).map((version) => [version.number, version.state])).toEqual([
      [4, 'published'],
      [3, 'previous'],
      [2, 'previous'],
      [1, 'previous'],
    ]);
  });

  it('runs it: the HTTP step fails, and the run canvas shows where', async () => {
    shotOnFailure();
    const started = await server.api<{ runId: string }>('POST', `/recipes/${recipeId}/run`, { input: { id: 'o-1' } });
    expect(started.status).toBe(202);
    runId = started.body.runId;
    await waitFor(async () => (await server.api<{ status: string }>('GET', `/runs/${runId}`)).body.status === 'failed', { timeoutMs: 15_000, what: 'the run to fail' });
    await page.goto(`${server.baseUrl}/runs/${runId}`);
    // Mantine's segmented control hides its radio inputs under the labels.
    await page.locator('label', { hasText: /^Canvas$/ }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Canvas' }).isChecked()).toBe(true);
    const canvas = page.getByLabel('Run canvas');
    await canvas.getByRole('button', { name: 'Step post: failed' }).waitFor();
    await canvas.getByRole('button', { name: 'Step shout: succeeded' }).waitFor();
    // The engine records the steps after a failure as skipped.
    await canvas.getByRole('button', { name: 'Step after: skipped' }).waitFor();
    await shot('04-run-canvas');
    await canvas.getByRole('button', { name: 'Step post: failed' }).click();
    const details = page.getByRole('dialog', { name: 'Step post' });
    await details.getByText('HTTP_400').waitFor();
    await details.getByText(/attempt/).waitFor();
    await shot('05-failed-step-details');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await page.setViewportSize({ width: 768, height: 900 });
    await shot('06-run-canvas-768');
    expect(problems).toEqual([]);
  });
});
