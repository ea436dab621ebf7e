import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';
import { waitFor } from '../support/wait-for.js';
import { launchChromium } from './launch-chromium.js';
import { openSignedInPage } from './open-signed-in-page.js';

const screenshots = fileURLToPath(new URL('./screenshots/keyboard-and-labels/', import.meta.url));

const interactive = 'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=combobox], [role=switch], [role=checkbox], [role=tab]';

/** A function for Playwright to run in the page, written as text (its toString is that text). */
function pageFunction<R>(source: string): (elements: unknown) => R {
  return new Function(`return ${source}`)() as (elements: unknown) => R;
}

/**
 * Lists the visible interactive elements without an accessible name. A reduced version of the accessible-name
 * computation: aria-labelledby, aria-label, an associated or wrapping <label>, title, alt of an image inside,
 * or text content not hidden from assistive technology. Given as text: tests have no DOM types.
 */
const unnamedElements = pageFunction<string[]>(`(elements) => {
  const text = (node) => {
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1 || node.getAttribute('aria-hidden') === 'true') return '';
    if (node.tagName === 'IMG') return node.getAttribute('alt') ?? '';
    if (node.tagName === 'svg') return node.querySelector('title')?.textContent ?? '';
    return [...node.childNodes].map(text).join(' ');
  };
  const name = (element) => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      const named = labelledBy.split(/\\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ').trim();
      if (named) return named;
    }
    const label = element.getAttribute('aria-label')?.trim();
    if (label) return label;
    if (element.labels && element.labels.length > 0) return [...element.labels].map(text).join(' ').trim();
    const title = element.getAttribute('title')?.trim();
    if (title) return title;
    if (element.tagName === 'INPUT' && ['submit', 'button'].includes(element.type)) return element.value;
    return text(element).trim();
  };
  return elements
    .filter((element) => element.checkVisibility() && element.closest('[aria-hidden=true]') === null)
    .filter((element) => !name(element))
    .map((element) => element.outerHTML.slice(0, 160));
}`);

/** Where focus is (in page coordinates: Tab scrolls), what it is, and whether it shows a focus ring (or, for a text field, a primary-coloured border). */
const focusState = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const rect = element.getBoundingClientRect();
  // Mantine marks a focused text field by turning its border the primary colour rather than with an outline.
  const probe = document.body.appendChild(document.createElement('span'));
  probe.style.color = 'var(--mantine-primary-color-filled)';
  const primary = getComputedStyle(probe).color;
  probe.remove();
  const field = ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) && style.borderColor === primary;
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none' || field;
  const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40);
  return { what: element.tagName.toLowerCase() + (element.getAttribute('role') ? '[' + element.getAttribute('role') + ']' : '') + ' "' + name + '"', ring, middle: rect.top + window.scrollY + rect.height / 2, left: rect.left };
})()`;

interface FocusStop { what: string; ring: boolean; middle: number; left: number }

describe('keyboard and labels: every main screen names its controls, takes Tab in order with a visible ring, fits 768 px', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let browser: Browser;
  let page: Page;
  let recipeId = '';
  let runId = '';
  const problems: string[] = [];
  const shotOnFailure = () =>
    onTestFailed(async ({ task }) => {
      await page.screenshot({ path: `${screenshots}failed-${task.name.replaceAll(/\W+/g, '-')}.png` });
    });

  beforeAll(async () => {
    server = own(await SwitchyardProcess.launch());
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    console.log(`screenshots: ${screenshots}`);
    page = await openSignedInPage(browser, server, problems);
    const created = await server.api<{ id: string }>('POST', '/recipes', {
      name: 'Greeting',
      trigger: { use: 'core/manual' },
      steps: [
        { id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: 'hello' } },
        { id: 'whisper', use: 'core/formatter', input: { operation: 'text.lower', value: 'HELLO' } },
        { id: 'again', use: 'core/formatter', input: { operation: 'text.upper', value: 'bye' } },
      ],
    });
    expect(created.status).toBe(201);
    recipeId = created.body.id;
    expect((await server.api('POST', `/recipes/${recipeId}/publish`)).status).toBeLessThan(300);
    const started = await server.api<{ runId: string }>('POST', `/recipes/${recipeId}/run`, { input: {} });
    expect(started.status).toBe(202);
    runId = started.body.runId;
    await waitFor(async () => (await server.api<{ status: string }>('GET', `/runs/${runId}`)).body.status === 'succeeded', { timeoutMs: 15_000, what: 'the run to succeed' });
    const manifest = {
      id: 'acme-crm', name: 'Acme CRM', version: '1.0.0', engine: '^1.0.0', baseUrl: 'https://api.acme.example/v1',
      auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key', value: '{{connection.api_key}}', fields: [{ key: 'api_key', label: 'API key', secret: true, required: true }] },
      actions: [{ key: 'create-contact', name: 'Create contact', input: [{ key: 'email', label: 'Email', type: 'email', required: true }], request: { method: 'POST', path: '/contacts', json: { email: '{{input.email}}' } } }],
    };
    expect((await page.request.post(`${server.baseUrl}/api/v1/packs`, { data: { manifest } })).status()).toBe(201);
  });
  afterAll(() => browser?.close());

  const screens: [string, () => string, string][] = [
    ['recipes list', () => '/recipes', 'Greeting'],
    ['builder', () => `/recipes/${recipeId}`, 'Recipe canvas'],
    ['runs list', () => '/runs', 'Greeting'],
    ['a run', () => `/runs/${runId}`, 'shout'],
    ['connections', () => '/connections', 'Connections'],
    ['packs', () => '/packs', 'Acme CRM'],
    ['pack detail', () => '/packs/acme-crm', 'Acme CRM'],
  ];

  const open = async (path: string, ready: string) => {
    await page.goto(`${server.baseUrl}${path}`);
    await page.getByText(ready).or(page.getByLabel(ready)).first().waitFor();
  };

  it('the name check itself finds an icon button without a name and accepts a labelled one', async () => {
    await open('/recipes', 'Greeting');
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<button id="bare"><svg aria-hidden="true"></svg></button><button aria-label="Close"><svg></svg></button><label>Email <input id="wrapped"></label>')`);
    const unnamed = await page.locator(interactive).evaluateAll(unnamedElements);
    expect(unnamed).toEqual([expect.stringContaining('id="bare"')]);
  });

  for (const [screen, path, ready] of screens) {
    it(`${screen}: every control has a name, Tab walks it with a visible ring, nothing scrolls sideways at 768 px`, async () => {
      shotOnFailure();
      await page.setViewportSize({ width: 1280, height: 800 });
      await open(path(), ready);
      expect(await page.locator(interactive).evaluateAll(unnamedElements), `unnamed controls on ${screen}`).toEqual([]);

      const stops: FocusStop[] = [];
      for (let press = 0; press < 30; press += 1) {
        await page.keyboard.press('Tab');
        // Field borders change colour with a short transition: read the style where it ends.
        await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
        const stop = (await page.evaluate(focusState)) as FocusStop | null;
        if (stop) stops.push(stop);
      }
      console.log(`${screen}: Tab visits ${stops.map((stop) => stop.what).join(' → ')}`);
      expect(stops.length, `focus stops on ${screen}`).toBeGreaterThan(3);
      // Stuck: the same element three presses in a row.
      const stuck = stops.filter((stop, index) => index >= 2 && stop.what === stops[index - 1]!.what && stop.what === stops[index - 2]!.what);
      expect(stuck, `focus stuck on ${screen}`).toEqual([]);
      // Visual order over one round (up to the wrap to the start): each stop is below the one before, or on the same
      // line to its right. One round only: the header is fixed, so once the page scrolls its page position moves.
      const wrap = stops.findIndex((stop, index) => index > 0 && stop.what === stops[0]!.what);
      const round = wrap === -1 ? stops : stops.slice(0, wrap);
      const backwards = round.filter((stop, index) => {
        const before = round[index - 1];
        if (!before) return false;
        const sameLine = Math.abs(stop.middle - before.middle) < 12;
        return sameLine ? stop.left <= before.left : stop.middle < before.middle;
      });
      const at = (stop: FocusStop) => `${stop.what} (${Math.round(stop.left)}, ${Math.round(stop.middle)})`;
      expect(backwards.map((stop) => `${at(stop)} after ${at(round[round.indexOf(stop) - 1]!)}`), `focus jumping back on ${screen}`).toEqual([]);
      expect(stops.filter((stop) => !stop.ring).map((stop) => stop.what), `focused without a ring on ${screen}`).toEqual([]);

      await page.setViewportSize({ width: 768, height: 900 });
      await open(path(), ready);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      await page.screenshot({ path: `${screenshots}768-${screen.replaceAll(' ', '-')}.png` });
      expect(overflow, `sideways scroll on ${screen} at 768 px`).toBeLessThanOrEqual(0);
      // A status badge cut to "SUCCE…" is not readable.
      const clipped = await page.locator('.mantine-Badge-label').evaluateAll(pageFunction<string[]>('(labels) => labels.filter((label) => label.scrollWidth > label.clientWidth).map((label) => label.textContent)'));
      expect(clipped, `badges cut short on ${screen} at 768 px`).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
    });
  }

  const dialogs: [string, () => string, string, string][] = [
    ['new recipe', () => '/recipes', 'Greeting', 'New recipe'],
    ['version history', () => `/recipes/${recipeId}`, 'Recipe canvas', 'History'],
    ['new connection', () => '/connections', 'Connections', 'New connection'],
    ['import a pack', () => '/packs', 'Acme CRM', 'Import pack'],
    ['import an OpenAPI document', () => '/packs', 'Acme CRM', 'From OpenAPI'],
    ['replay a run', () => `/runs/${runId}`, 'shout', 'Replay…'],
  ];
  for (const [dialog, path, ready, opener] of dialogs) {
    it(`${dialog}: opens with Enter, names its controls, fits 768 px, closes with Escape and gives focus back`, async () => {
      shotOnFailure();
      await page.setViewportSize({ width: 768, height: 900 });
      await open(path(), ready);
      const button = page.getByRole('button', { name: opener, exact: true }).first();
      await button.focus();
      await page.keyboard.press('Enter');
      const opened = page.getByRole('dialog').first();
      await opened.waitFor();
      await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
      expect(await opened.locator(interactive).evaluateAll(unnamedElements), `unnamed controls in ${dialog}`).toEqual([]);
      const overflow = await opened.evaluate(pageFunction<number>('(element) => element.scrollWidth - element.clientWidth'));
      expect(overflow, `${dialog} scrolls sideways at 768 px`).toBeLessThanOrEqual(0);
      await page.keyboard.press('Escape');
      await opened.waitFor({ state: 'hidden' });
      // Mantine hands focus back once the closing transition ends.
      await expect.poll(() => button.evaluate(pageFunction<boolean>('(element) => element === document.activeElement'))).toBe(true);
      await page.setViewportSize({ width: 1280, height: 800 });
    });
  }

  it('run canvas: chosen with the keyboard; Enter on a step opens its details, Escape closes them and gives focus back', async () => {
    shotOnFailure();
    await open(`/runs/${runId}`, 'shout');
    // A segmented control is a radio group: focus the checked option, arrows choose.
    await page.getByRole('radio', { name: 'Timeline' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('radio', { name: 'Canvas' }).isChecked()).toBe(true);
    const canvas = page.getByLabel('Run canvas');
    const step = canvas.getByRole('button', { name: 'Step whisper: succeeded' });
    await step.focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('dialog', { name: 'Step whisper' });
    await details.waitFor();
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}05-run-step-details.png` });
    expect(await details.locator(interactive).evaluateAll(unnamedElements), 'unnamed controls in the run step details').toEqual([]);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await expect.poll(() => step.evaluate(pageFunction<boolean>('(element) => element === document.activeElement || element.contains(document.activeElement)'))).toBe(true);
  });

  it('builder at 768 px: the step panel and the picker fit without sideways scrolling', async () => {
    shotOnFailure();
    await page.setViewportSize({ width: 768, height: 900 });
    await open(`/recipes/${recipeId}`, 'Recipe canvas');
    const fits = pageFunction<number>('(element) => Math.max(element.scrollWidth - element.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth)');
    await page.getByRole('button', { name: /^Step: / }).first().click();
    const panel = page.getByRole('dialog').first();
    await panel.waitFor();
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}768-step-panel.png` });
    expect(await panel.evaluate(fits), 'the step panel scrolls sideways at 768 px').toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Add a step at the end' }).click();
    const picker = page.getByRole('dialog').first();
    await picker.waitFor();
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}768-picker.png` });
    expect(await picker.evaluate(fits), 'the picker scrolls sideways at 768 px').toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('builder: Enter on a step opens its panel, Escape closes it and returns focus; the step picker opens from "+" and closes with Escape', async () => {
    shotOnFailure();
    await open(`/recipes/${recipeId}`, 'Recipe canvas');
    const step = page.getByRole('button', { name: /^Step: .*/ }).first();
    await step.focus();
    await page.screenshot({ path: `${screenshots}01-step-focused.png` });
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog').first();
    await panel.waitFor();
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}02-step-panel.png` });
    expect(await panel.locator(interactive).evaluateAll(unnamedElements), 'unnamed controls in the step panel').toEqual([]);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await step.evaluate(pageFunction<boolean>('(element) => element === document.activeElement || element.contains(document.activeElement)'))).toBe(true);

    const insert = page.getByRole('button', { name: /add|insert/i }).first();
    await insert.focus();
    await page.screenshot({ path: `${screenshots}03-insert-focused.png` });
    await page.keyboard.press('Enter');
    const picker = page.getByRole('dialog').first();
    await picker.waitFor();
    await page.evaluate('Promise.allSettled(document.getAnimations().map((animation) => animation.finished))');
    await page.screenshot({ path: `${screenshots}04-picker-open.png` });
    expect(await picker.locator(interactive).evaluateAll(unnamedElements), 'unnamed controls in the step picker').toEqual([]);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    expect(await insert.evaluate(pageFunction<boolean>('(element) => element === document.activeElement'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
