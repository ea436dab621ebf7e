import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));

describe('the web app served at /', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
  });
  afterAll(() => browser?.close());

  it('loads without console errors and asks an existing install to sign in', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(server.baseUrl);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.screenshot({ path: `${screenshots}sign-in.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('serves the page for unknown app paths but JSON 404s under /api', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.baseUrl}/recipes/some-recipe`);
    expect(response?.status()).toBe(200);
    const api = await page.request.get(`${server.baseUrl}/api/nope`);
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
