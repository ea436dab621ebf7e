import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRecipe } from '../support/recipes.js';
import { useResources } from '../support/resources.js';
import { Sink } from '../support/sink.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';

const screenshots = fileURLToPath(new URL('./screenshots/outgoing-hooks/', import.meta.url));

interface Delivery {
  status: string;
  attempts: { http_status: number | null }[];
}

describe('the Outgoing hooks screen', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const ids: Record<string, string> = {};

  const deliveriesOf = async (name: string) => (await server.api<{ deliveries: Delivery[] }>('GET', `/hooks/subscriptions/${ids[name]}/deliveries`)).body.deliveries;

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    const sink = own(await Sink.start());
    // Make is down for the first try, then takes it (the retry comes 5 s later); n8n's workflow was deleted (410).
    sink.script('/make/orders', [{ status: 503 }], { status: 200 });
    sink.script('/n8n/old-workflow', [], { status: 410 });
    const recipe = await publishRecipe(server, {
      name: 'Orders out',
      trigger: { use: 'core/manual' },
      steps: [{ id: 'announce', use: 'core/emit', input: { name: 'order.created', payload: { order: '{{trigger.body.order}}' } } }],
    });
    for (const [name, body] of Object.entries({
      zapier: { target_url: `${sink.url}/zapier/hooks/standard/1234/abcd`, event: 'run.succeeded', recipe_id: recipe.id },
      make: { target_url: `${sink.url}/make/orders`, event: 'recipe.emitted', emit_name: 'order.created' },
      n8n: { target_url: `${sink.url}/n8n/old-workflow`, event: 'run.finished' },
    })) {
      const created = await server.api<{ id: string }>('POST', '/hooks/subscriptions', body);
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    }
    const invoked = await server.api('POST', `/recipes/${recipe.id}/invoke`, { input: { order: 'A-1001' }, mode: 'result' });
    expect(invoked.status).toBe(200);
    await waitFor(async () => (await deliveriesOf('make'))[0]?.status === 'succeeded' || undefined, {
      timeoutMs: 30_000,
      what: 'the retried delivery to Make',
      describe: () => deliveriesOf('make'),
    });

    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
  });
  afterAll(() => browser?.close());

  it('is in the account menu and lists each subscription with its event, filters and status', async () => {
    await page.goto(`${server.baseUrl}/recipes`);
    await page.getByRole('button', { name: /^Account: / }).click();
    await page.getByRole('menuitem', { name: 'Outgoing hooks' }).click();
    await page.getByRole('heading', { name: 'Outgoing hooks' }).waitFor();
    const zapier = page.getByTestId(`subscription-${ids['zapier']}`);
    await zapier.getByText('run.succeeded · only recipe', { exact: false }).waitFor();
    expect(await zapier.getByText('active', { exact: true }).count()).toBe(1);
    expect(await page.getByTestId(`subscription-${ids['make']}`).getByText('recipe.emitted · only name “order.created”', { exact: false }).count()).toBe(1);
    expect(await page.getByTestId(`subscription-${ids['n8n']}`).getByText('unsubscribed (410 Gone)').count()).toBe(1);
  });

  it('shows a subscription’s deliveries with every attempt', async () => {
    const make = page.getByTestId(`subscription-${ids['make']}`);
    await make.getByRole('button').first().click();
    const table = make.getByRole('table', { name: 'Deliveries' });
    await table.waitFor();
    const row = table.locator('tbody tr').first();
    expect(await row.getByText('succeeded', { exact: true }).count()).toBe(1);
    expect(await row.getByText('the target answered 503').count()).toBe(1);
    expect(await row.getByText('HTTP 200').count()).toBe(1);

    const n8n = page.getByTestId(`subscription-${ids['n8n']}`);
    await n8n.getByRole('button').first().click();
    await n8n.getByText('the target answered 410 Gone: unsubscribed').waitFor();
    // The panels open with a transition: the screenshot waits for it to end.
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}01-outgoing-hooks-1280.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('unsubscribes a target the tool left behind, after asking', async () => {
    const zapier = page.getByTestId(`subscription-${ids['zapier']}`);
    await zapier.getByRole('button').first().click();
    await zapier.getByRole('button', { name: 'Unsubscribe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unsubscribe this target?' });
    await dialog.waitFor();
    expect(await page.getByTestId(`subscription-${ids['n8n']}`).getByRole('button', { name: 'Remove' }).count()).toBe(1);
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}02-unsubscribe-confirm.png` });
    await dialog.getByRole('button', { name: 'Unsubscribe' }).click();
    await zapier.waitFor({ state: 'detached' });
    const left = await server.api<{ subscriptions: { id: string }[] }>('GET', '/hooks/subscriptions');
    expect(left.body.subscriptions.map((subscription) => subscription.id).sort()).toEqual([ids['make'], ids['n8n']].sort());
    expect(problems).toEqual([]);
  });
});
