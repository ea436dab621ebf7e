import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';

const screenshots = fileURLToPath(new URL('./screenshots/first-start/', import.meta.url));
const email = 'first@example.com';
const password = 'a long enough password';

/** A recipe file as `switchyard recipes export` writes it: a formatter, then a POST to a port nobody listens on. */
const recipeFile = {
  name: 'Shout and post',
  folder: 'examples',
  trigger: { use: 'core/manual' },
  steps: [
    { id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.word}}' } },
    { id: 'post', use: 'core/http', retry: { maxAttempts: 1 }, input: { method: 'POST', url: 'http://127.0.0.1:9/unreachable', json: { word: '{{steps.shout.output.value}}' } } },
  ],
};

describe('first start in the browser: owner, recipes, runs, sign out and in', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const nav = (section: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click();
  const shot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch({ owner: false }));
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    // The app respects reduced motion, so screenshots never catch a dialog half-faded in.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // The browser logs every 4xx; the two this journey provokes on purpose (a broken import, a wrong password) are expected.
    const provoked = [/\/api\/v1\/recipes\/import$/, /\/api\/v1\/auth\/login$/];
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      if (message.text().startsWith('Failed to load resource') && provoked.some((url) => url.test(message.location().url))) return;
      problems.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(() => browser?.close());

  it('creates the owner, checking the form first', async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('heading', { name: 'Create the owner' }).waitFor();
    await shot('01-setup');
    await page.getByLabel('E-mail').fill('not an address');
    await page.getByLabel(/^Password/).fill('short');
    await page.getByLabel('Repeat the password').fill('shorter');
    await page.getByRole('button', { name: 'Create the owner' }).click();
    await page.getByText('The two passwords differ').waitFor();
    expect(await page.getByText('Use at least 10 characters').count()).toBe(1);
    expect(await page.getByText('Enter an e-mail address').count()).toBe(1);
    await shot('02-setup-problems');

    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Create the owner' }).click();
    await page.getByRole('heading', { name: 'Recipes' }).waitFor();
    await page.getByText('No recipes yet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/recipes');
    await shot('03-recipes-empty');
    expect((await server.request('GET', '/api/v1/auth/status')).body).toEqual({ setupRequired: false, user: null });
  });

  it('creates a recipe, which opens the builder route', async () => {
    await page.getByRole('button', { name: 'New recipe' }).click();
    const dialog = page.getByRole('dialog', { name: 'New recipe' });
    await dialog.getByLabel('Name').fill('Order alerts');
    await dialog.getByLabel('Folder').fill('sales');
    await shot('04-new-recipe');
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await page.waitForURL(/\/recipes\/rcp_/);
    await nav('Recipes');
    await page.getByRole('link', { name: 'Order alerts' }).waitFor();
    expect(await page.getByRole('region', { name: 'sales' }).getByRole('link', { name: 'Order alerts' }).count()).toBe(1);
  });

  it('imports a recipe file, showing the problems of a bad one by JSON pointer', async () => {
    const upload = async (name: string, content: unknown) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Import' }).click();
      await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
    };
    await upload('broken.json', { ...recipeFile, steps: [{ id: 'Bad Id', use: 'core/formatter' }] });
    const failure = page.getByRole('dialog', { name: 'The recipe was not imported' });
    await failure.getByText('/steps/0/id').waitFor();
    await shot('05-import-problems');
    await page.keyboard.press('Escape');
    await failure.waitFor({ state: 'hidden' });

    await upload('shout.json', recipeFile);
    await page.getByText('Imported "Shout and post" as a draft.').waitFor();
    await page.getByRole('region', { name: 'examples' }).getByRole('link', { name: 'Shout and post' }).waitFor();
    await shot('06-recipes-listed');
    await page.setViewportSize({ width: 768, height: 900 });
    await shot('07-recipes-768');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows a failed run step by step and replays it from the failed step', async () => {
    const recipes = (await (await page.request.get(`${server.baseUrl}/api/v1/recipes`)).json()) as { recipes: { id: string; name: string }[] };
    const recipeId = recipes.recipes.find((r) => r.name === 'Shout and post')!.id;
    const started = await page.request.post(`${server.baseUrl}/api/v1/recipes/${recipeId}/run`, { data: { input: { word: 'hi' }, version: 'latest' } });
    expect(started.status()).toBe(202);

    await nav('Runs');
    await page.getByRole('link', { name: /, failed$/ }).waitFor({ timeout: 20_000 });
    await shot('08-runs');
    await page.getByRole('link', { name: /, failed$/ }).click();
    await page.getByRole('heading', { name: 'Run of Shout and post' }).waitFor();
    await expect.poll(() => page.getByLabel('Output of shout').textContent()).toContain('"HI"');
    await page.getByText('ECONNREFUSED').or(page.getByText(/refused|connect/i)).first().waitFor();
    await shot('09-run-failed');

    await page.getByRole('button', { name: 'Replay from the failed step' }).click();
    const replay = page.getByRole('dialog', { name: 'Replay this run' });
    await replay.getByText('These steps change things outside Switchyard and will do so again').waitFor();
    expect(await replay.getByText('shout', { exact: true }).count()).toBe(1);
    await shot('10-replay-preview');
    const original = page.url();
    await replay.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.waitForURL((url) => url.href !== original && url.pathname.startsWith('/runs/run_'));
    await page.getByText('the original run').waitFor();
  });

  it('signs out, refuses a wrong password, and signs in again', async () => {
    await page.getByRole('button', { name: `Account: ${email}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong e-mail or password').waitFor();
    await shot('11-sign-in-wrong-password');

    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signing in keeps the address: back on the run that was open.
    await page.getByRole('heading', { name: 'Run of Shout and post' }).waitFor();
    await nav('Recipes');
    await page.getByRole('link', { name: 'Shout and post' }).waitFor();
    await shot('12-signed-in-again');
    expect(await page.getByRole('link', { name: 'Order alerts' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
