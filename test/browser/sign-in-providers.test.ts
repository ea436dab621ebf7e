import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { OAuth2Server, type MutableToken } from 'oauth2-mock-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useResources } from '../support/resources.js';
import { ownerEmail, ownerPassword, SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';

const screenshots = fileURLToPath(new URL('./screenshots/sign-in-providers/', import.meta.url));
const invited = 'invited@example.com';

describe('sign-in through an OpenID Connect provider in the browser', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let provider: OAuth2Server;
  let browser: Browser;
  /** Who the provider says signed in; each test sets it. */
  let claims: Record<string, unknown> = {};
  const problems: string[] = [];

  const freshPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });

  beforeAll(async () => {
    provider = new OAuth2Server();
    await provider.issuer.keys.generate('RS256');
    await provider.start(0, '127.0.0.1');
    // The mock approves every authorization at once; the ID token (the one with the nonce) says who.
    provider.service.on('beforeTokenSigning', (token: MutableToken) => {
      if (token.payload.nonce !== undefined) Object.assign(token.payload, claims);
    });
    server = own(
      await SwitchyardProcess.launch({
        env: {
          SWITCHYARD_OIDC_ISSUER: provider.issuer.url!,
          SWITCHYARD_OIDC_CLIENT_ID: 'switchyard-browser-test',
          SWITCHYARD_OIDC_CLIENT_SECRET: 'browser-test-secret',
          SWITCHYARD_OIDC_NAME: 'Acme SSO',
        },
      }),
    );
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    expect((await server.api('POST', '/invitations', { email: invited, role: 'editor' })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.stop();
  });

  it('refuses an address nobody invited, saying so on the login page', async () => {
    claims = { sub: 'acme-stranger', email: 'stranger@example.com', email_verified: true };
    const page = await freshPage();
    await page.goto(`${server.baseUrl}/runs`);
    await page.getByRole('link', { name: 'Continue with Acme SSO' }).click();
    await page.getByRole('alert').getByText('This address is not invited').waitFor();
    // The code is dropped from the address once shown; the page is still the one the person asked for.
    await page.waitForURL((url) => url.pathname === '/runs' && url.search === '');
    await shot(page, '01-not-invited');
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
  });

  it('signs the invited address in with "Continue with Acme SSO" and lands on the page asked for', async () => {
    claims = { sub: 'acme-invited', email: invited, email_verified: true };
    const page = await freshPage();
    await page.goto(`${server.baseUrl}/runs`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot(page, '02-login-with-provider');
    await page.getByRole('link', { name: 'Continue with Acme SSO' }).click();
    await page.getByRole('button', { name: `Account: ${invited}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/runs');
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    await shot(page, '03-signed-in');
    // The same session as a password sign-in: the API answers the browser's cookie.
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me).toMatchObject({ email: invited, role: 'editor', via: 'session' });
  });

  it('shows the owner the invitation accepted and the provider from the environment', async () => {
    const page = await freshPage();
    await page.goto(`${server.baseUrl}/settings/users`);
    await page.getByLabel('E-mail').fill(ownerEmail);
    await page.getByRole('textbox', { name: 'Password' }).fill(ownerPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // A password check is scrypt with 128 MiB: on a busy two-core machine it alone can take seconds.
    await page.getByRole('heading', { name: 'Users and sign-in' }).waitFor({ timeout: 30_000 });
    const invitations = page.getByRole('table', { name: 'Invitations' });
    await invitations.getByRole('row', { name: new RegExp(invited) }).getByText('accepted').waitFor();
    const providers = page.getByRole('table', { name: 'Sign-in providers' });
    await providers.getByText('environment').waitFor();
    await shot(page, '04-users-and-sign-in');

    // GitHub added from settings: the redirect URL to register is shown before saving, the secret never after.
    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a sign-in provider' });
    await dialog.getByText('GitHub', { exact: true }).click();
    await dialog.getByText(`${server.baseUrl}/api/v1/auth/sign-in/github/callback`).waitFor();
    await dialog.getByRole('textbox', { name: 'Client id' }).fill('Iv1.browser');
    await dialog.getByRole('textbox', { name: 'Client secret' }).fill('github-browser-secret');
    await shot(page, '05-add-github');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await providers.getByRole('row', { name: /GitHub/ }).getByText('Iv1.browser').waitFor();
    expect(await page.content()).not.toContain('github-browser-secret');
    expect(problems).toEqual([]);
  });
});
