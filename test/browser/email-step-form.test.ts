import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startSmtpFake } from '../packs/email/smtp-fake.js';
import { waitForRun } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { pickStep } from './builder-moves.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';

const screenshots = fileURLToPath(new URL('./screenshots/email-step-form/', import.meta.url));
const account = { user: 'robot', password: 'mail-secret' };
const invoice = Buffer.from('Invoice 42: 19.99 EUR\n').toString('base64');

/**
 * The builder's form for core/email (SMTP account, addresses and bodies with pills, attachments) saves,
 * tests against a real SMTP server and publishes; a health "Reconnect" link opens that connection's form.
 */
describe('the Send email step form, and health links to one connection', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let smtp: Awaited<ReturnType<typeof startSmtpFake>>;
  let browser: Browser;
  let page: Page;
  let recipeId = '';
  let smtpId = '';
  let githubId = '';
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png` });
  const shotOnFailure = () =>
    onTestFailed(async ({ task }) => {
      await page.screenshot({ path: `${screenshots}failed-${task.name.replaceAll(/\W+/g, '-')}.png` });
    });

  const createConnection = async (body: Record<string, unknown>, query = '') => {
    const created = await server.api<{ connection: { id: string } }>('POST', `/connections${query}`, body);
    if (created.status !== 201) throw new Error(`POST /connections answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.connection.id;
  };

  beforeAll(async () => {
    smtp = own(await startSmtpFake(account));
    server = own(await SwitchyardProcess.launch());
    const fields = { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: account.user, password: account.password, from_address: 'Shop <robot@shop.test>', accept_untrusted_certificate: true };
    smtpId = await createConnection({ packId: 'smtp', name: 'Shop outbox', fields }, '?skipTest=true');
    // Created but never authorised: the health screen flags it as needing reconnection.
    githubId = await createConnection({ packId: 'github', name: 'GitHub (acme)', fields: { client_id: 'id', client_secret: 'secret' } });
    const created = await server.api<{ id: string }>('POST', '/recipes', { name: 'Mail invoices', trigger: { use: 'core/manual', input: {} }, steps: [] });
    expect(created.status).toBe(201);
    recipeId = created.body.id;
    // One run, so the builder offers its trigger data (a customer and a file value) as pills.
    const run = await server.api<{ runId: string }>('POST', `/recipes/${recipeId}/run`, {
      version: 'latest',
      input: { customer: 'Ada <ada@example.com>', invoice: { base64: invoice, filename: 'invoice.txt', contentType: 'text/plain' } },
    });
    expect(run.status).toBe(202);
    await waitForRun(server, run.body.runId);

    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
  });
  afterAll(() => browser?.close());

  it('offers Send email among the core steps, with an SMTP account picker and each problem under its field', async () => {
    shotOnFailure();
    await page.goto(`${server.baseUrl}/recipes/${recipeId}`);
    const logged = problems.length;
    await pickStep(page, 'Add the first step here', 'email', 'Send email (Messaging)');
    const panel = page.getByRole('dialog');
    await panel.getByText(/· core\/email$/).waitFor();
    const accountPicker = panel.getByRole('combobox', { name: 'SMTP account' });
    expect(await panel.getByRole('link', { name: 'Connect a new account' }).getAttribute('href')).toBe('/connections?pack=smtp');
    await panel.getByText('To is required').waitFor();
    await panel.getByText('Subject is required').waitFor();
    await panel.getByText('Give a text body or an HTML body').waitFor();
    await shot('01-empty-form');

    await accountPicker.click();
    await page.getByRole('option', { name: 'Shop outbox' }).click();
    await panel.getByLabel(/^To \*?$/).fill('ada@example.com, not-an-address');
    await panel.getByText('To: "not-an-address" is not an email address').waitFor();
    await panel.getByLabel(/^To \*?$/).fill('');
    await page.getByRole('button', { name: 'Insert trigger body › customer', exact: true }).click();
    await panel.getByLabel('Cc', { exact: true }).fill('sales@shop.test');
    await panel.getByLabel(/^Subject \*?$/).fill('Your invoice');
    await panel.getByLabel('Text body', { exact: true }).fill('Hello, your invoice is attached.');
    await panel.getByLabel('HTML body', { exact: true }).fill('<p>Hello, your invoice is attached.</p>');
    await panel.getByRole('button', { name: 'Add a file from a step' }).click();
    await panel.getByText('Attachment 1: insert a file from an earlier step').waitFor();
    await panel.getByLabel('Attachment 1: file', { exact: true }).click();
    await page.getByRole('button', { name: 'Insert trigger body › invoice', exact: true }).click();
    await panel.getByRole('button', { name: 'Add a text file' }).click();
    await panel.getByText('Attachment 2: give the file a name').waitFor();
    await panel.getByLabel('Attachment 2: file name', { exact: true }).fill('notes.txt');
    await panel.getByLabel('Attachment 2: text', { exact: true }).fill('Thanks for your order.');
    for (const message of ['To is required', 'Subject is required', 'Give a text body or an HTML body', 'Attachment 2: give the file a name']) {
      await panel.getByText(message).waitFor({ state: 'hidden' });
    }
    await shot('02-filled-form');
    await page.getByText('All changes saved').waitFor();
    // A draft saved before the SMTP account was chosen is refused (422: the step needs one), as for pack steps
    // without their connection; the browser logs that refusal, and nothing else may be logged.
    expect(problems.splice(logged).filter((text) => !text.includes('status of 422'))).toEqual([]);

    const recipe = await server.api<{ definition: { steps: unknown[] } }>('GET', `/recipes/${recipeId}`);
    expect(recipe.body.definition.steps).toEqual([
      {
        id: expect.any(String),
        use: 'core/email',
        connection: smtpId,
        input: {
          to: '{{trigger.body.customer}}',
          cc: 'sales@shop.test',
          subject: 'Your invoice',
          text: 'Hello, your invoice is attached.',
          html: '<p>Hello, your invoice is attached.</p>',
          attachments: ['{{trigger.body.invoice}}', { filename: 'notes.txt', content: 'Thanks for your order.' }],
        },
      },
    ]);
  });

  it('tests the step for real: the SMTP server gets the mail with both attachments', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: 'Test step' }).click();
    await page.getByRole('button', { name: 'Run the test' }).click();
    const output = page.getByTestId('step-test-output');
    await output.getByText('"accepted"').waitFor();
    await output.scrollIntoViewIfNeeded();
    await shot('03-test-output');
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.rcptTo).toEqual(['ada@example.com', 'sales@shop.test']);
    expect(mail.parsed.subject).toBe('Your invoice');
    expect(mail.parsed.attachments.map((file) => [file.filename, file.content.toString('utf8')])).toEqual([
      ['invoice.txt', 'Invoice 42: 19.99 EUR\n'],
      ['notes.txt', 'Thanks for your order.'],
    ]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').first().waitFor({ state: 'hidden' });
  });

  it('publishes the recipe, whose runs send the mail', async () => {
    shotOnFailure();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('The recipe is live.').waitFor();
    const recipe = await server.api<{ status: string }>('GET', `/recipes/${recipeId}`);
    expect(recipe.body.status).toBe('live');
    await shot('04-published');
    // The published recipe sends for real: a run with another customer mails them.
    const run = await server.api<{ runId: string }>('POST', `/recipes/${recipeId}/run`, {
      input: { customer: 'grace@example.com', invoice: { base64: invoice, filename: 'invoice.txt' } },
    });
    expect(run.status).toBe(202);
    expect((await waitForRun(server, run.body.runId)).status).toBe('succeeded');
    expect(smtp.received.map((mail) => mail.rcptTo)).toEqual([
      ['ada@example.com', 'sales@shop.test'],
      ['grace@example.com', 'sales@shop.test'],
    ]);
  });

  it("follows a health Reconnect link to that connection's form, and back to the list on close", async () => {
    shotOnFailure();
    await page.goto(`${server.baseUrl}/health`);
    const row = page.getByRole('table', { name: 'Connection health' }).getByTestId('health-connection-GitHub (acme)');
    const reconnect = row.getByRole('link', { name: 'Reconnect GitHub (acme)' });
    expect(await reconnect.getAttribute('href')).toBe(`/connections?open=${githubId}`);
    await reconnect.click();
    await page.waitForURL(`${server.baseUrl}/connections?open=${githubId}`);
    const form = page.getByRole('dialog', { name: 'Edit GitHub (acme)' });
    await form.getByTestId('connection-form-status').getByText('Needs reconnection').waitFor();
    await form.getByRole('button', { name: 'Save and reconnect' }).waitFor();
    await page.waitForTimeout(300); // the modal's fade-in, for the screenshot only
    await shot('05-reconnect-form');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`${server.baseUrl}/connections`);
    await form.waitFor({ state: 'hidden' });

    await page.goto(`${server.baseUrl}/connections?open=con_gone`);
    await page.getByTestId('connection-not-found').waitFor();
    expect(problems).toEqual([]);
  });
});
