import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { connectNotion, integrationSecret } from '../packs/notion/notion-connection.js';
import { NotionFake } from '../packs/notion/notion-fake.js';
import { publishRecipe, type PublishedRecipe } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';

const screenshots = fileURLToPath(new URL('./screenshots/handshake-token-panel/', import.meta.url));
const verificationToken = 'secret_tCVsQUBEGsHJx5ErWVYvixmb03Ps6bwWD1oznYtUiNN';

/**
 * A published Notion webhook trigger in the builder: before Notion's verification request the trigger panel
 * shows no token; once Notion has posted it, the panel shows it with a copy button and the line that says where
 * it goes, without a reload. No console errors.
 */
describe("the trigger panel shows a webhook's verification token to paste back into the vendor", () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let fake: NotionFake;
  let browser: Browser;
  let page: Page;
  let recipe: PublishedRecipe;
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png` });

  beforeAll(async () => {
    fake = own(await NotionFake.start([integrationSecret]));
    server = own(await SwitchyardProcess.launch());
    const connection = await connectNotion(server, fake);
    expect(connection.status).toBe(201);
    recipe = await publishRecipe(server, {
      name: 'Notion page events',
      trigger: { use: 'notion/webhook-event', connection: connection.id, input: { event_types: ['page.created'] } },
      steps: [{ id: 'note', use: 'notion/append-paragraph', connection: connection.id, input: { page_id: '{{trigger.entity.id}}', text: 'Seen' } }],
    });
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the token with a copy button once Notion has sent it', async () => {
    onTestFailed(async () => {
      await shot('failed');
    });
    await page.goto(`${server.baseUrl}/recipes/${recipe.id}`);
    await page.getByRole('button', { name: /^Trigger: New webhook event/ }).click();
    await page.getByRole('button', { name: 'Test trigger' }).waitFor();
    expect(await page.getByTestId('handshake-token').count()).toBe(0);

    const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verification_token: verificationToken }) });
    expect(answer.status).toBe(200);
    const panel = page.getByTestId('handshake-token');
    await panel.waitFor({ timeout: 15_000 });
    expect(await panel.textContent()).toContain(verificationToken);
    await panel.getByText('Paste this into Notion to verify the subscription.').waitFor();
    await panel.getByRole('button', { name: 'Copy the verification token' }).waitFor();
    await shot('01-verification-token');
    expect(problems).toEqual([]);
  });
});
