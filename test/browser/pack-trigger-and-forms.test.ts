import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { chooseHttpBody, pickStep } from './builder-moves.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';

const screenshots = fileURLToPath(new URL('./screenshots/pack-trigger-and-forms/', import.meta.url));

/** A pack whose webhook trigger is signed with a secret kept in the connection; its region is an advanced field. */
const signerPack = {
  id: 'signer',
  name: 'Signer',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.signer.test',
  auth: {
    kind: 'api_key',
    in: 'header',
    name: 'X-Api-Key',
    fields: [
      { key: 'api_key', label: 'API key', secret: true, required: true },
      { key: 'webhook_secret', label: 'Webhook signing secret', secret: true, required: true },
      { key: 'region', label: 'Region', description: 'Only for accounts outside the EU', default: 'eu', advanced: true },
    ],
  },
  triggers: [
    {
      kind: 'webhook',
      key: 'events',
      name: 'Signer events',
      verification: { scheme: 'hmac', secret: '{{connection.webhook_secret}}', header: 'x-signer-signature', prefix: 'sha256=' },
      events: 'data',
    },
  ],
};

describe('a pack webhook trigger tested at its test URL, advanced fields, pasted tokens, nested conditions, HTTP bodies and server-listed choices', () => {
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
  const closePanel = async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').first().waitFor({ state: 'hidden' });
  };
  const savedDraft = () => page.getByText('All changes saved').waitFor();
  const savedSteps = async () => (await server.api<{ definition: { steps: { id: string; input?: Record<string, unknown> }[] } }>('GET', `/recipes/${recipeId}`)).body.definition.steps;

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    sink = own(await Sink.start());
    sink.script('/me', [], { status: 200, body: { id: 'u_1' } });
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
    expect((await server.api('POST', '/packs', { manifest: signerPack })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('folds the advanced connection field under "Advanced"', async () => {
    shotOnFailure();
    await page.goto(`${server.baseUrl}/connections`);
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByRole('combobox', { name: 'App' }).click();
    await page.getByRole('option', { name: 'Signer' }).click();
    await page.getByLabel('API key').fill('key-1');
    await page.getByLabel('Webhook signing secret').fill('signer-secret');
    const region = page.getByRole('textbox', { name: 'Region' });
    expect(await region.isVisible()).toBe(false);
    const advanced = page.getByRole('button', { name: 'Advanced' });
    expect(await advanced.getAttribute('aria-expanded')).toBe('false');
    await advanced.focus();
    await page.keyboard.press('Enter');
    await region.waitFor();
    expect(await region.inputValue()).toBe('eu');
    await shot('01-connection-advanced');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('connection-Signer').waitFor();
  });

  it('connects an OAuth2 pack by pasting a token instead, and reconnects it by pasting a new one', async () => {
    shotOnFailure();
    const manifest = {
      id: 'tokened', name: 'Tokened', version: '1.0.0', engine: '^1.0.0', baseUrl: sink.url,
      auth: {
        kind: 'oauth2', authorizationUrl: `${sink.url}/authorize`, tokenUrl: `${sink.url}/token`,
        pasteToken: { label: 'Personal token', description: 'Settings → Tokens in Tokened' },
        test: { method: 'GET', path: '/me' },
      },
    };
    expect((await server.api('POST', '/packs', { manifest })).status).toBe(201);
    await page.goto(`${server.baseUrl}/connections`);
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByRole('combobox', { name: 'App' }).click();
    await page.getByRole('option', { name: 'Tokened' }).click();
    const how = page.getByRole('radiogroup', { name: 'How to connect' });
    expect(await how.getByRole('radio', { name: 'Connect with Tokened' }).isChecked()).toBe(true);
    await how.getByText('Use a personal token', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Personal token' }).fill('tok-first');
    await shot('01b-connection-paste-token');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByTestId('connection-Tokened');
    await row.waitFor();
    expect(sink.requestsTo('/me').at(-1)?.headers['authorization']).toBe('Bearer tok-first');

    await row.getByRole('button', { name: 'Reconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Tokened' });
    await dialog.getByRole('textbox', { name: 'Personal token' }).fill('tok-second');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('"Tokened" reconnected with the new token.').waitFor();
    await row.getByRole('button', { name: 'Test Tokened' }).click();
    await page.getByText('Tokened: test passed').waitFor();
    expect(sink.requestsTo('/me').at(-1)?.headers['authorization']).toBe('Bearer tok-second');
  });

  it('listens for the pack trigger at a test URL: a forged delivery shows refused, a signed one becomes the sample', async () => {
    shotOnFailure();
    const connections = await server.api<{ connections: { id: string }[] }>('GET', '/connections?packId=signer');
    const created = await server.api<{ id: string }>('POST', '/recipes', { name: 'Signer events', trigger: { use: 'signer/events', connection: connections.body.connections[0]!.id }, steps: [] });
    expect(created.status).toBe(201);
    recipeId = created.body.id;
    await page.goto(`${server.baseUrl}/recipes/${recipeId}`);
    await page.getByRole('button', { name: /^Trigger: Signer events/ }).click();
    await page.getByRole('button', { name: 'Test trigger' }).click();
    const testUrl = (await page.getByTestId('test-url').textContent())!;
    const send = (body: string, key: string) =>
      fetch(testUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signer-signature': `sha256=${createHmac('sha256', key).update(body).digest('hex')}` }, body });

    expect((await send('{"data":[{"id":"forged"}]}', 'not-the-secret')).status).toBe(401);
    const refused = page.getByTestId('refused-delivery');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/^Refused: delivery at .*signature/);
    expect(await page.getByTestId('trigger-event').count()).toBe(0);

    expect((await send(JSON.stringify({ data: [{ id: 'ev_1', total: 30 }] }), 'signer-secret')).status).toBe(200);
    await page.getByTestId('trigger-event').first().getByText('In use').waitFor();
    await page.getByText('"id": "ev_1"').waitFor();
    await shot('02-pack-test-trigger');
    await page.setViewportSize({ width: 768, height: 900 });
    await page.waitForTimeout(300); // the layout settling, for the screenshot only
    await shot('02b-pack-test-trigger-768');
    await page.setViewportSize({ width: 1280, height: 800 });
    await closePanel();
  });

  it('edits nested condition groups: add, change the combinator, remove, all by keyboard', async () => {
    shotOnFailure();
    await pickStep(page, 'Add the first step here', 'only continue', 'Only continue if… (Flow)');
    await page.getByRole('button', { name: 'Add rule', exact: true }).click();
    await page.getByLabel('Rule 1 compared with').fill('30');
    const addGroup = page.getByRole('button', { name: 'Add group', exact: true });
    await addGroup.focus();
    await page.keyboard.press('Enter');
    const group = page.getByRole('group', { name: 'Group 1' });
    await group.waitFor();
    await page.getByLabel('Group 1 rule 1 compared with').fill('ev_1');
    // A nested group takes the other combinator; arrow keys switch it back.
    const combinator = page.getByRole('radiogroup', { name: 'Group 1: how rules combine' });
    expect(await combinator.getByRole('radio', { name: 'Any one holds' }).isChecked()).toBe(true);
    await combinator.getByRole('radio', { name: 'Any one holds' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => combinator.getByRole('radio', { name: 'All must hold' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Add group to group 1', exact: true }).click();
    await page.getByRole('group', { name: 'Group 1.1' }).waitFor();
    await shot('03-nested-conditions');
    await page.getByRole('button', { name: 'Remove group 1.1', exact: true }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Group 1.1' }).count()).toBe(0);
    await closePanel();
    await savedDraft();
    const filter = (await savedSteps())[0]!;
    expect(filter.input).toEqual({ all: [{ left: '', op: 'eq', right: '30' }, { all: [{ left: '', op: 'eq', right: 'ev_1' }] }] });
  });

  it('sends an HTTP body as a form or as raw text', async () => {
    shotOnFailure();
    await pickStep(page, 'Add a step at the end', 'http', 'HTTP request (Developer)');
    await page.getByLabel('URL').fill('https://api.example.com/in');
    await chooseHttpBody(page, 'Form');
    await page.getByRole('button', { name: 'Add form field' }).click();
    await page.getByLabel('Form field 1 name').fill('note');
    await page.getByLabel('Form field 1 value').fill('hello');
    await shot('04-http-form-body');
    await page.getByLabel('Name', { exact: true }).click();
    await savedDraft();
    await expect.poll(async () => (await savedSteps())[1]?.input?.['form']).toEqual({ note: 'hello' });
    await chooseHttpBody(page, 'Raw text');
    await page.getByLabel('Raw body').fill('<ping/>');
    await page.getByLabel('Name', { exact: true }).click();
    // One body at most: the form went when raw text was chosen.
    await expect.poll(async () => (await savedSteps())[1]?.input?.['body']).toBe('<ping/>');
    expect((await savedSteps())[1]?.input?.['form']).toBeUndefined();
    await shot('05-http-raw-body');
    await page.setViewportSize({ width: 768, height: 900 });
    await page.waitForTimeout(300);
    await shot('05b-http-raw-body-768');
    await page.setViewportSize({ width: 1280, height: 800 });
    await closePanel();
  });

  it("lists the formatter's operations from the server, with their help", async () => {
    shotOnFailure();
    await pickStep(page, 'Add a step at the end', 'format', 'Format data (Data)');
    await page.getByLabel('Operation').first().click();
    await page.getByRole('option', { name: 'text.base64_encode — Encodes text (UTF-8) as base64.' }).click();
    await shot('06-formatter-operations');
    await closePanel();
    await savedDraft();
    await expect.poll(async () => (await savedSteps())[2]?.input?.['operation']).toBe('text.base64_encode');
    expect(problems).toEqual([]);
  });
});
