import type { Page } from 'playwright-core';

/** Opens the step picker from a "+" (named by its label), searches, and picks a step. */
export async function pickStep(page: Page, plus: 'Add the first step here' | 'Add a step at the end', search: string, step: string): Promise<void> {
  await page.getByRole('button', { name: plus }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill(search);
  await page.getByRole('button', { name: step }).click();
}

/** In an open filter panel: one rule "trigger body › amount is greater than 100", the amount taken as a pill. */
export async function fillAmountOver100(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByLabel('Rule 1 value').click();
  await page.getByRole('button', { name: 'Insert trigger body › amount' }).click();
  await page.getByLabel('Rule 1 operator').first().click();
  await page.getByRole('option', { name: 'is greater than' }).click();
  await page.getByLabel('Rule 1 compared with').fill('100');
  // At rest, the reference shows as a chip, not as braces.
  await page.getByText('Trigger · body.amount').waitFor();
}

/** Adds an HTTP step at the end that POSTs to `${sinkUrl}/orders/<trigger body › id>` (the id inserted as a pill). */
export async function addPostToSink(page: Page, sinkUrl: string): Promise<void> {
  await pickStep(page, 'Add a step at the end', 'http', 'HTTP request (Developer)');
  await page.getByLabel('Method').first().click();
  await page.getByRole('option', { name: 'POST' }).click();
  await page.getByLabel('URL').fill(`${sinkUrl}/orders/`);
  await page.getByRole('button', { name: 'Insert trigger body › id' }).click();
}

/** In an open HTTP step panel: picks how the body is sent (the segmented control above the body's editor). */
export async function chooseHttpBody(page: Page, kind: 'None' | 'JSON' | 'Form' | 'Raw text'): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Body: kind' }).getByText(kind, { exact: true }).click();
}
