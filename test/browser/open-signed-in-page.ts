import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ownerEmail, ownerPassword, type SwitchyardProcess } from '../support/switchyard-process.js';

/** Signs the owner in through the login API, so the session cookie lands in `context` (the form is the first-start journey's). */
export async function signIn(context: BrowserContext, server: SwitchyardProcess): Promise<void> {
  const login = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, {
    data: { email: ownerEmail, password: ownerPassword },
    headers: { origin: server.baseUrl },
  });
  if (login.status() !== 200) throw new Error(`signing in answered ${login.status()}: ${await login.text()}`);
}

/**
 * A 1280×800 page signed in as the owner. Console errors, warnings and page errors go to `problems`, which
 * journeys expect to stay empty: a screen that logs is not done.
 */
export async function openSignedInPage(browser: Browser, server: SwitchyardProcess, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signIn(context, server);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}
