import type { AccountingApi } from 'xero-node';
import { Invoice, LineAmountTypes, Phone } from 'xero-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { sdkRequests, testOneStep, type StepTest } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectXero, expectSameRequest, xeroRefusal, xeroSdk } from './xero-connection.js';
import { XeroFake, type Tenant, type XeroRequest } from './xero-fake.js';

type Output = Record<string, unknown> & { items?: Record<string, unknown>[] };

const lineItems = [
  { Description: 'Consulting, June', Quantity: 5, UnitAmount: 150, AccountCode: '200' },
  { Description: 'Travel', Quantity: 1, UnitAmount: 75, AccountCode: '200' },
];

/**
 * Every Xero action run through Switchyard (a draft recipe's step test) against the fake, and the same
 * operation run by xero-node's AccountingApi (basePath on the fake) with the same organisation and
 * Idempotency-Key: the requests agree in method, path, query, JSON body and headers Xero reads, and the
 * SDK's repeat is answered from Xero's replay without creating twice. Also: the OAuth 2.0 connection, the
 * organisation choices from /connections, refresh-token rotation, pagination and validation errors.
 */
describe('Xero actions match xero-node', () => {
  const own = useResources('all');
  let fake: XeroFake;
  let server: SwitchyardProcess;
  let sdk: AccountingApi;
  let connection: string;
  let org: Tenant;

  beforeAll(async () => {
    fake = own(await XeroFake.start());
    org = fake.tenants[1]!;
    server = own(await SwitchyardProcess.launch());
    sdk = xeroSdk(fake);
    connection = (await connectXero(server, fake)).id;
  });

  const runStep = (use: string, input: Record<string, unknown>) => testOneStep<XeroRequest, Output>(server, fake, { use, connection, input: { tenant_id: org.tenantId, ...input } });

  async function expectLikeSdk(use: string, input: Record<string, unknown>, call: (idempotencyKey: string) => Promise<unknown>): Promise<StepTest<Output>> {
    const { result, requests } = await runStep(use, input);
    expect(result.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    const sdkSent = await sdkRequests(fake, () => call(String(requests[0]!.headers['idempotency-key'])), xeroRefusal);
    expect(sdkSent).toHaveLength(1);
    expectSameRequest(requests[0]!, sdkSent[0]!);
    return result;
  }

  it('connects through Xero OAuth 2.0 (offline_access, Basic client auth) and offers the organisations from /connections', async () => {
    const { authorizeUrl, callback } = await connectXero(server, fake);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${fake.url}/identity/connect/authorize`);
    expect(authorizeUrl.searchParams.get('scope')!.split(' ')).toEqual(['offline_access', 'accounting.transactions', 'accounting.contacts']);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const exchange = fake.requestsTo('POST', '/connect/token').at(-1)!;
    expect(exchange.headers['authorization']).toBe(`Basic ${Buffer.from(`${fake.app.clientId}:${fake.app.clientSecret}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({ grant_type: 'authorization_code', code: callback.searchParams.get('code') });

    const choices = await server.api<{ choices: unknown[] }>('POST', '/packs/xero/actions/create-contact/fields/tenant_id/choices', { connection });
    expect(choices.body.choices).toEqual(fake.tenants.map((tenant) => ({ label: tenant.tenantName, value: tenant.tenantId })));
    // xero-node's updateTenants() calls a fixed https://api.xero.com/connections, so that request is checked against Xero's documented shape instead.
    const listed = fake.requestsTo('GET', '/connections').at(-1)!;
    expect(listed.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(listed.headers['xero-tenant-id']).toBeUndefined();
  });

  it('creates a contact like the SDK; the repeated Idempotency-Key creates nothing more', async () => {
    const result = await expectLikeSdk(
      'xero/create-contact',
      { name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone: '555-0100', account_number: 'CUST-001', tax_number: 'GB123456789' },
      (key) =>
        sdk.createContacts(org.tenantId, { contacts: [{ name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com', phones: [{ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: '555-0100' }], accountNumber: 'CUST-001', taxNumber: 'GB123456789' }] }, undefined, key),
    );
    expect(result.output).toMatchObject({ ContactID: expect.any(String), Name: 'Ada Lovelace', EmailAddress: 'ada@example.com' });
    expect(org.contacts).toHaveLength(1);
    expect(fake.tenants[0]!.contacts).toHaveLength(0);
  });

  it('reads a ValidationException as its message', async () => {
    const { result } = await runStep('xero/create-contact', { name: 'Ada Lovelace' });
    expect(result.error?.message).toBe(
      'Xero answered 400: A validation exception occurred: The contact name Ada Lovelace is already assigned to another contact. The contact name must be unique across all active contacts.',
    );
  });

  it('finds contacts by search term or where filter, page by page, like the SDK', async () => {
    for (let i = 0; i < 120; i++) fake.addContact(org, { Name: `Customer ${String(i).padStart(3, '0')}`, EmailAddress: `c${i}@example.com` });
    const where = await expectLikeSdk('xero/find-contacts', { where: 'EmailAddress=="ada@example.com"', include_archived: false }, () =>
      sdk.getContacts(org.tenantId, undefined, 'EmailAddress=="ada@example.com"', undefined, undefined, 1, false, undefined, undefined, 100),
    );
    expect(where.output!.items!.map((contact) => contact['Name'])).toEqual(['Ada Lovelace']);

    const { result, requests } = await runStep('xero/find-contacts', { search_term: 'customer' });
    expect(result.output!.items).toHaveLength(120);
    expect(requests.map((request) => Object.fromEntries(request.query))).toEqual([
      { searchTerm: 'customer', includeArchived: 'false', page: '1', pageSize: '100' },
      { searchTerm: 'customer', includeArchived: 'false', page: '2', pageSize: '100' },
    ]);
    const sdkSent = await sdkRequests(fake, () => sdk.getContacts(org.tenantId, undefined, undefined, undefined, undefined, 2, false, undefined, 'customer', 100), xeroRefusal);
    expectSameRequest(requests[1]!, sdkSent[0]!);
  });

  it('creates an approved invoice from line items and a payment against it, like the SDK', async () => {
    const contact = String(org.contacts[0]!['ContactID']);
    const invoice = await expectLikeSdk(
      'xero/create-invoice',
      { contact_id: contact, line_items: lineItems, type: 'ACCREC', status: 'AUTHORISED', date: '2024-06-01', due_date: '2024-07-01', reference: 'June consulting', line_amount_types: 'Exclusive', currency_code: 'USD' },
      (key) =>
        sdk.createInvoices(
          org.tenantId,
          {
            invoices: [
              {
                type: Invoice.TypeEnum.ACCREC, contact: { contactID: contact }, lineItems: lineItems.map((item) => ({ description: item.Description, quantity: item.Quantity, unitAmount: item.UnitAmount, accountCode: item.AccountCode })),
                date: '2024-06-01', dueDate: '2024-07-01', reference: 'June consulting', status: Invoice.StatusEnum.AUTHORISED, lineAmountTypes: LineAmountTypes.Exclusive, currencyCode: 'USD' as never,
              },
            ],
          },
          undefined, undefined, key,
        ),
    );
    expect(invoice.output).toMatchObject({ InvoiceID: expect.any(String), Status: 'AUTHORISED', Total: 825 });
    expect(org.invoices).toHaveLength(1);

    const invoiceId = String(invoice.output!['InvoiceID']);
    const payment = await expectLikeSdk('xero/create-payment', { invoice_id: invoiceId, account_code: '090', amount: 825, date: '2024-06-03', reference: 'Bank transfer 7781' }, (key) =>
      sdk.createPayment(org.tenantId, { invoice: { invoiceID: invoiceId }, account: { code: '090' }, amount: 825, date: '2024-06-03', reference: 'Bank transfer 7781' }, key),
    );
    expect(payment.output).toMatchObject({ PaymentID: expect.any(String), Amount: 825 });
    expect(org.invoices[0]).toMatchObject({ Status: 'PAID', AmountDue: 0 });
    expect(org.payments).toHaveLength(1);
  });

  it('refreshes an expired token with the rotated refresh token each time; a refused one asks to reconnect', async () => {
    const refreshes = () => fake.requestsTo('POST', '/connect/token').filter((request) => request.body.includes('grant_type=refresh_token'));
    const before = refreshes().length;
    for (let round = 0; round < 2; round++) {
      fake.expireAccessTokens();
      const { result } = await runStep('xero/find-contacts', { where: 'Name=="Ada Lovelace"' });
      expect(result.output!.items).toHaveLength(1);
    }
    const used = refreshes().slice(before).map((request) => new URLSearchParams(request.body).get('refresh_token'));
    expect(used).toHaveLength(2);
    expect(used[0]).not.toBe(used[1]);

    // A refresh token Xero no longer accepts (revoked, or unused for 60 days): the connection asks to be reconnected.
    fake.expireAccessTokens();
    fake.refreshTokens.clear();
    const { result } = await runStep('xero/find-contacts', { where: 'Name=="Ada Lovelace"' });
    expect(result.error?.message).toMatch(/reconnect/i);
  });
});
