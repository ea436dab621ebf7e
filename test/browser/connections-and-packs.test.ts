import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';
import { signIn } from './open-signed-in-page.js';

const screenshots = fileURLToPath(new URL('./screenshots/connections-and-packs/', import.meta.url));
const acmePack = fileURLToPath(new URL('../../connectors/examples/acme-crm.pack.yaml', import.meta.url));

// Wrong in three places the validator reports by JSON pointer: the version, the base URL and an action's method.
const brokenPack = `id: broken-pack
name: Broken
version: one
engine: ^1.0.0
auth: { kind: none }
actions:
  - key: ping
    name: Ping
    request: { method: FETCH, path: /ping }
triggers: []
`;

/**
 * The smallest OAuth2 provider: /authorize approves at once (redirecting back with a code and the state),
 * /token hands out a bearer token. Counts token requests so the test sees the exchange happen.
 */
async function startProvider(): Promise<{ url: string; tokens: () => number; close: () => Promise<void> }> {
  let tokens = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/authorize') {
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', `code-${tokens}`);
      back.searchParams.set('state', url.searchParams.get('state')!);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    req.resume();
    req.on('end', () => {
      tokens += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: `token-${tokens}`, token_type: 'Bearer', expires_in: 3600, refresh_token: `refresh-${tokens}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens: () => tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('connections and packs in the browser', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let sink: Sink;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    sink = own(await Sink.start());
    sink.script('/me', [], { status: 200, body: { id: 'u_1', email: 'ada@example.com' } });
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signIn(context, server);
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(() => browser?.close());

  const shot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });

  it('imports the example pack from a file and shows its actions and triggers', async () => {
    await page.goto(`${server.baseUrl}/packs`);
    await page.getByRole('button', { name: 'Import pack' }).click();
    await page.locator('input[type=file]').setInputFiles(acmePack);
    await page.getByText('The pack is valid').waitFor();
    await shot('01-import-valid');
    await page.getByRole('button', { name: 'Install', exact: true }).click();
    const row = page.getByTestId('pack-acme-crm');
    await row.waitFor();
    expect(await row.textContent()).toContain('1.0.0');
    expect(await row.locator('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    await shot('02-packs-list');

    await row.getByRole('link', { name: 'Acme CRM' }).click();
    await page.getByRole('heading', { name: 'Acme CRM' }).waitFor();
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('table', { name: 'Fields of Create contact' }).waitFor();
    await shot('03-pack-detail');
    await page.getByRole('tab', { name: /Triggers/ }).click();
    await page.getByRole('button', { name: 'New deal' }).waitFor();
    await page.setViewportSize({ width: 768, height: 900 });
    await shot('03b-pack-detail-768');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('finds built-in and imported packs in the gallery by app, trigger or action, and exports one as a manifest', async () => {
    await page.goto(`${server.baseUrl}/packs`);
    const stripe = page.getByTestId('pack-stripe');
    await stripe.waitFor();
    expect(await stripe.textContent()).toMatch(/Built-in.*Token.*Triggers \(\d+\).*Actions \(\d+\).*Create refund/);
    expect(await page.getByTestId('pack-slack').textContent()).toContain('OAuth2');
    await shot('05-gallery');
    const search = page.getByRole('textbox', { name: 'Search packs' });
    await search.fill('refund');
    await expect.poll(() => page.locator('[data-testid^="pack-"]').count()).toBe(1);
    await stripe.waitFor();
    await search.fill('acme deal');
    await page.getByTestId('pack-acme-crm').waitFor();
    await search.fill('');
    await page.getByText('Imported', { exact: true }).first().click();
    await expect.poll(() => page.locator('[data-testid^="pack-"]').count()).toBe(1);
    expect(page.url()).toContain('from=imported');
    await shot('06-gallery-imported');
    await page.setViewportSize({ width: 768, height: 900 });
    await page.getByText('All', { exact: true }).click();
    await shot('06b-gallery-768');
    await page.setViewportSize({ width: 1280, height: 800 });
    await search.fill('xyzzy');
    await page.getByText('No pack matches “xyzzy”').waitFor();

    await page.goto(`${server.baseUrl}/packs/stripe`);
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'YAML file' }).click()]);
    expect(download.suggestedFilename()).toBe('stripe.pack.yaml');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toMatch(/^# Exported by Switchyard: stripe /);
    expect(text).toMatch(/^id: stripe$/m);
  });

  it('generates a pack from an OpenAPI document, previews its actions and installs it', async () => {
    const spec = {
      openapi: '3.0.3',
      info: { title: 'Pet Store', version: '1.0.0' },
      servers: [{ url: 'https://pets.example/v1' }],
      paths: {
        '/pets': {
          get: { operationId: 'listPets', summary: 'List pets', responses: { '200': { description: 'ok' } } },
          post: { operationId: 'createPet', summary: 'Create pet', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } }, responses: { '201': { description: 'created' } } },
        },
      },
    };
    await page.goto(`${server.baseUrl}/packs`);
    await page.getByRole('button', { name: 'From OpenAPI' }).click();
    await page.getByRole('textbox', { name: '…or paste it' }).fill(JSON.stringify(spec, null, 2));
    await page.getByRole('textbox', { name: 'Pack id' }).fill('pet-store');
    await page.getByRole('button', { name: 'Generate preview' }).click();
    const actions = page.getByRole('table', { name: 'Generated actions' });
    await actions.waitFor();
    expect(await actions.textContent()).toContain('List pets');
    await shot('10-openapi-preview');
    await page.getByRole('button', { name: 'Install', exact: true }).click();
    await page.getByTestId('pack-pet-store').waitFor();
  });

  it('lists an invalid pack\'s problems by JSON path and installs nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-pack-'));
    await writeFile(join(dir, 'broken.pack.yaml'), brokenPack);
    await page.goto(`${server.baseUrl}/packs`);
    await page.getByRole('button', { name: 'Import pack' }).click();
    await page.locator('input[type=file]').setInputFiles(join(dir, 'broken.pack.yaml'));
    const table = page.getByRole('table', { name: 'Problems in the pack' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('/version');
    expect(text).toContain('/actions/0/request/method');
    expect(await page.getByRole('button', { name: 'Install', exact: true }).isDisabled()).toBe(true);
    await shot('04-import-problems');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('pack-broken-pack').count()).toBe(0);
  });

  it('creates an Acme connection against a local fake, tests it, shows secrets only as set, and deletes it', async () => {
    await page.goto(`${server.baseUrl}/connections`);
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByRole('combobox', { name: 'App' }).click();
    await page.getByRole('option', { name: 'Acme CRM' }).click();
    const baseUrl = page.getByRole('textbox', { name: 'API base URL' });
    await baseUrl.waitFor();
    expect(await baseUrl.inputValue()).toBe('https://api.acme.example/v1');
    await page.getByRole('textbox', { name: 'Name' }).fill('Acme (local)');
    await baseUrl.fill(sink.url);
    await page.getByLabel('API key').fill('key-123');
    await shot('05-new-connection');
    // Acme refuses the key once: nothing is saved and its message is shown.
    sink.script('/me', [{ status: 401, body: { error: { code: 'unauthorized', message: 'bad key' } } }], { status: 200, body: { id: 'u_1' } });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Acme refused the API key');
    await shot('05b-refused');
    // Chromium logs every 4xx answer; this one was the point of the step.
    expect(problems.splice(0)).toEqual([expect.stringContaining('status of 422')]);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    const row = page.getByTestId('connection-Acme (local)');
    await row.waitFor();
    expect(await row.getByTestId('connection-status').textContent()).toBe('ok');
    expect(sink.requestsTo('/me').at(-1)?.headers['x-api-key']).toBe('key-123');
    await shot('06-connections');

    const tests = sink.requestsTo('/me').length;
    await row.getByRole('button', { name: 'Test Acme (local)' }).click();
    await page.getByText('Acme (local): test passed').waitFor();
    expect(sink.requestsTo('/me').length).toBe(tests + 1);

    await row.getByRole('button', { name: 'Edit Acme (local)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Acme (local)' });
    await dialog.getByText('set', { exact: true }).first().waitFor();
    expect(await dialog.getByLabel('API key').inputValue()).toBe('');
    await shot('07-edit-connection');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Delete Acme (local)' }).click();
    await page.getByRole('dialog', { name: 'Delete Acme (local)?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('connection-Acme (local)').count()).toBe(0);
    await shot('08-deleted');
  });

  it('shows a live poll trigger\'s state on its pack\'s page and resets it', async () => {
    sink.script('/deals', [], { status: 200, body: { data: [{ id: 'dl_1', created_at: '2024-06-01T12:00:00Z' }] } });
    const created = await page.request.post(`${server.baseUrl}/api/v1/connections`, {
      data: { packId: 'acme-crm', name: 'Acme deals', fields: { base_url: sink.url, api_key: 'key-9' } },
    });
    expect(created.status()).toBe(201);
    const connection = ((await created.json()) as { connection: { id: string } }).connection.id;
    const recipe = {
      name: 'New deals to the sink',
      trigger: { use: 'acme-crm/new-deal', connection, input: {} },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/deal`, json: { id: '{{trigger.id}}' } } }],
    };
    const imported = await page.request.post(`${server.baseUrl}/api/v1/recipes/import`, { data: recipe });
    expect(imported.status()).toBe(201);
    const recipeId = ((await imported.json()) as { id: string }).id;
    expect((await page.request.post(`${server.baseUrl}/api/v1/recipes/${recipeId}/publish`, { data: {} })).status()).toBe(200);

    await page.goto(`${server.baseUrl}/packs`);
    await expect.poll(() => page.getByTestId('pack-acme-crm').textContent()).toContain('New deals to the sink');
    await shot('12-packs-used-by');
    await page.goto(`${server.baseUrl}/packs/acme-crm`);
    expect(await page.getByTestId('pack-used-by').textContent()).toContain('New deals to the sink');
    await page.getByRole('tab', { name: /Triggers/ }).click();
    const panel = page.getByTestId('trigger-state');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Items seen');
    await shot('11-trigger-state');
    await panel.getByRole('button', { name: 'Reset' }).click();
    await page.getByRole('dialog', { name: 'Reset the trigger?' }).getByRole('button', { name: 'Reset' }).click();
    await page.getByText('The trigger was reset.').waitFor();
  });

  it('connects an OAuth2 app through a popup that reports back, and reconnects in place', async () => {
    const provider = own(await startProvider());
    const manifest = {
      id: 'oauth-app', name: 'OAuth App', version: '1.0.0', engine: '^1.0.0', baseUrl: sink.url,
      auth: {
        kind: 'oauth2', authorizationUrl: `${provider.url}/authorize`, tokenUrl: `${provider.url}/token`,
        fields: [{ key: 'client_id', label: 'Client id', required: true }, { key: 'client_secret', label: 'Client secret', secret: true, required: true }],
      },
    };
    expect((await page.request.post(`${server.baseUrl}/api/v1/packs`, { data: { manifest } })).status()).toBe(201);

    await page.goto(`${server.baseUrl}/connections`);
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByRole('combobox', { name: 'App' }).click();
    await page.getByRole('option', { name: 'OAuth App' }).click();
    await page.getByRole('textbox', { name: 'Client id' }).fill('switchyard');
    await page.getByLabel('Client secret').fill('shh');
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Save and connect' }).click();
    await (await popup).waitForEvent('close');
    await page.getByText('The app authorised the connection.').waitFor();
    const row = page.getByTestId('connection-OAuth App');
    await expect.poll(() => row.getByTestId('connection-status').textContent()).toBe('ok');
    expect(provider.tokens()).toBe(1);
    await shot('09-oauth-connected');

    // The callback page reports to its opener, same origin only, naming the connection.
    const reported = page.evaluate(
      `new Promise((resolve) => window.addEventListener('message', (event) => resolve({ origin: event.origin, data: event.data }), { once: true }))`,
    );
    const again = page.waitForEvent('popup');
    await row.getByRole('button', { name: 'Reconnect' }).click();
    await (await again).waitForEvent('close');
    expect(await reported).toEqual({ origin: server.baseUrl, data: { type: 'switchyard:oauth', ok: true, connectionId: expect.any(String), message: expect.stringContaining('is connected') } });
    await expect.poll(() => provider.tokens()).toBe(2);
    await expect.poll(() => row.getByTestId('connection-status').textContent()).toBe('ok');
    expect(problems).toEqual([]);
  });
});
