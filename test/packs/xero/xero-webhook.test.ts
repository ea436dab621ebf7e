import { createHmac, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectXero, webhookKey } from './xero-connection.js';
import { XeroFake, type Tenant } from './xero-fake.js';

/**
 * Xero signs a delivery with the app's webhook key: x-xero-signature is the base64 HMAC-SHA256 of the raw
 * body (developer.xero.com, webhooks "Configuring your server"). xero-node ships no webhook helper, so the
 * signature is made here exactly as that page describes.
 */
const signature = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64');

async function deliver(server: SwitchyardProcess, hookPath: string, events: unknown[], key = webhookKey): Promise<{ status: number; text: string }> {
  const body = JSON.stringify({ events, firstEventSequence: 1, lastEventSequence: events.length, entropy: randomUUID().replaceAll('-', '').toUpperCase() });
  return send(server, hookPath, body, signature(key, body));
}

async function send(server: SwitchyardProcess, hookPath: string, body: string, xeroSignature: string): Promise<{ status: number; text: string }> {
  const answer = await fetch(`${server.baseUrl}${hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'x-xero-signature': xeroSignature }, body });
  return { status: answer.status, text: await answer.text() };
}

const event = (tenant: Tenant, category: string, type: string, resourceId: string) => ({
  resourceUrl: `https://api.xero.com/api.xro/2.0/${category === 'INVOICE' ? 'Invoices' : 'Contacts'}/${resourceId}`,
  resourceId,
  eventDateUtc: '2024-06-03T08:30:00.000',
  eventType: type,
  eventCategory: category,
  tenantId: tenant.tenantId,
  tenantType: 'ORGANISATION',
});

/**
 * Xero's webhook trigger end to end: the intent-to-receive check (an empty events list, correctly signed →
 * 200 with no body and no run; badly signed → 401), then the recipe INVOICE event → find the contact →
 * create a payment against the invoice of the event, in the event's organisation; contact events are
 * filtered out, and a delivery Xero retries pays once.
 */
describe('Xero invoice webhook → find contact → create payment', () => {
  const own = useResources('all');
  let fake: XeroFake;
  let server: SwitchyardProcess;
  let org: Tenant;
  let recipe: PublishedRecipe;
  let invoiceId: string;

  beforeAll(async () => {
    fake = own(await XeroFake.start());
    org = fake.tenants[1]!;
    const ada = fake.addContact(org, { Name: 'Ada Lovelace', EmailAddress: 'ada@example.com' });
    invoiceId = String(fake.addInvoice(org, { Type: 'ACCREC', Status: 'AUTHORISED', Contact: { ContactID: ada['ContactID'] }, LineItems: [{ Description: 'Consulting', Quantity: 5, UnitAmount: 165, AccountCode: '200' }] })['InvoiceID']);
    server = own(await SwitchyardProcess.launch());
    const connection = (await connectXero(server, fake)).id;
    recipe = await publishRecipe(server, {
      name: 'Record card payments for Ada',
      trigger: { use: 'xero/webhook-event', connection, input: { events: ['INVOICE.CREATE', 'INVOICE.UPDATE'] } },
      steps: [
        { id: 'find', use: 'xero/find-contacts', connection, input: { tenant_id: '{{trigger.tenantId}}', where: 'EmailAddress=="ada@example.com"' } },
        { id: 'known', use: 'core/filter', input: { all: [{ left: '{{steps.find.output.items[0].ContactID}}', op: 'exists' }] } },
        {
          id: 'pay',
          use: 'xero/create-payment',
          connection,
          input: { tenant_id: '{{trigger.tenantId}}', invoice_id: '{{trigger.resourceId}}', account_code: '090', amount: 825, date: '2024-06-03', reference: 'Card payment for {{steps.find.output.items[0].Name}}' },
        },
      ],
    });
  });

  it("passes Xero's intent to receive: 200 with no body for a correctly signed empty batch, 401 for a badly signed one, no run", async () => {
    const ok = await deliver(server, recipe.hookPath, []);
    expect(ok).toEqual({ status: 200, text: '' });
    const bad = await deliver(server, recipe.hookPath, [], 'not-the-webhook-key');
    expect(bad).toEqual({ status: 401, text: '' });
    const unsigned = await send(server, recipe.hookPath, JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'S0m3r4Nd0mt3xt' }), '');
    expect(unsigned.status).toBe(401);
    expect(await listRuns(server, recipe.id)).toHaveLength(0);
  });

  it('pays the invoice of an INVOICE event once, in its organisation; contact events and a retried delivery start nothing more', async () => {
    const events = [event(org, 'INVOICE', 'UPDATE', invoiceId), event(org, 'CONTACT', 'CREATE', randomUUID())];
    const body = JSON.stringify({ events, firstEventSequence: 7, lastEventSequence: 8, entropy: 'QWERTYUIOPASDFGH' });
    expect(await send(server, recipe.hookPath, body, signature(webhookKey, body))).toEqual({ status: 200, text: '' });
    const [run] = await waitForRuns(server, recipe.id, 1);
    expect(run!.status).toBe('succeeded');
    expect(org.payments).toHaveLength(1);
    expect(org.payments[0]).toMatchObject({ Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Amount: 825, Reference: 'Card payment for Ada Lovelace' });
    expect(org.invoices[0]).toMatchObject({ Status: 'PAID', AmountDue: 0 });
    const calls = fake.requests.filter((request) => request.path.startsWith('/api.xro/2.0/'));
    expect(new Set(calls.map((request) => request.headers['xero-tenant-id']))).toEqual(new Set([org.tenantId]));

    // Xero retries until it gets a 200; the same events (new entropy, new signature) start no second run.
    expect((await deliver(server, recipe.hookPath, events)).status).toBe(200);
    expect(await listRuns(server, recipe.id)).toHaveLength(1);
    expect(org.payments).toHaveLength(1);
  });
});
