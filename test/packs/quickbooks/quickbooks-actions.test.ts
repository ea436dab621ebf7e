import type { QuickBooks } from 'node-quickbooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { testOneStep, type StepTest } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectQuickbooks, expectSameRequest, quickbooksSdk, sdkRequests } from './quickbooks-connection.js';
import { QuickbooksFake, type QuickbooksRequest } from './quickbooks-fake.js';

type Output = Record<string, unknown> & { Id?: string };

const lines = [
  { DetailType: 'SalesItemLineDetail', Amount: 750, Description: 'Consulting, June', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 5, UnitPrice: 150 } },
  { DetailType: 'SalesItemLineDetail', Amount: 40, SalesItemLineDetail: { ItemRef: { value: '2' }, Qty: 1, UnitPrice: 40 } },
];

/**
 * Every QuickBooks action run through Switchyard (a draft recipe's step test) against the fake, and the same
 * operation run by node-quickbooks with the same `requestid`: the requests agree in method, path, decoded
 * query (select statement, minor version, requestid) and JSON body, and the SDK's repeat is answered from
 * QuickBooks' replay without creating twice. Also: Intuit's OAuth 2.0 with realmId captured from the
 * callback, refresh-token rotation after a 401, and Fault bodies read as sentences.
 */
describe('QuickBooks actions match node-quickbooks', () => {
  const own = useResources('all');
  let fake: QuickbooksFake;
  let server: SwitchyardProcess;
  let sdk: QuickBooks;
  let connection: string;

  beforeAll(async () => {
    fake = own(await QuickbooksFake.start());
    server = own(await SwitchyardProcess.launch());
    sdk = quickbooksSdk(fake);
    connection = (await connectQuickbooks(server, fake)).id;
  });

  /** Tests one step as a draft recipe's step and answers its result and the requests it sent. */
  const runStep = (use: string, input: Record<string, unknown>) => testOneStep<QuickbooksRequest, Output>(server, fake, { use, connection, input });

  /** Our one request and the SDK's (sent with our requestid, when there is one) mean the same to QuickBooks. */
  async function expectLikeSdk(use: string, input: Record<string, unknown>, call: (requestId: string | undefined, done: (error: unknown) => void) => void, without: string[] = []): Promise<StepTest<Output>> {
    const { result, requests } = await runStep(use, input);
    expect(result.error).toBeUndefined();
    expect(requests).toHaveLength(1);
    const requestId = Object.fromEntries(requests[0]!.query)['requestid'];
    const sdkSent = await sdkRequests(fake, (done) => call(requestId, done));
    expect(sdkSent).toHaveLength(1);
    expectSameRequest(requests[0]!, sdkSent[0]!, without);
    return result;
  }

  it('connects through Intuit OAuth 2.0: Basic client auth, the company realmId kept from the callback, checked with companyinfo', async () => {
    const { id, authorizeUrl, callback } = await connectQuickbooks(server, fake);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${fake.url}/connect/oauth2`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({ client_id: fake.app.clientId, response_type: 'code', scope: 'com.intuit.quickbooks.accounting' });
    expect(authorizeUrl.searchParams.get('code_challenge')).toBeNull();
    const exchange = fake.requestsTo('POST', '/oauth2/v1/tokens/bearer').at(-1)!;
    expect(exchange.headers['authorization']).toBe(`Basic ${Buffer.from(`${fake.app.clientId}:${fake.app.clientSecret}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({ grant_type: 'authorization_code', code: callback.searchParams.get('code'), redirect_uri: authorizeUrl.searchParams.get('redirect_uri') });
    const view = await server.api<{ status: string; captured: Record<string, unknown> }>('GET', `/connections/${id}`);
    expect(view.body).toMatchObject({ status: 'ok', captured: { realmId: fake.realmId } });
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    const test = fake.requests.at(-1)!;
    expect(test.path).toBe(`/v3/company/${fake.realmId}/companyinfo/${fake.realmId}`);
    expect(Object.fromEntries(test.query)).toEqual({ minorversion: '75' });
  });

  it('creates a customer like the SDK, with a requestid of at most 50 characters that QuickBooks replays', async () => {
    const input = {
      display_name: "Ada O'Lovelace", given_name: 'Ada', family_name: 'Lovelace', company_name: 'Analytical Engines Ltd', email: 'ada@example.com', phone: '(555) 555-0100',
      address_line1: '12 St James Square', city: 'London', region: 'LDN', postal_code: 'SW1Y 4JH', country: 'GB', notes: 'Met at the Royal Society',
    };
    const body = {
      DisplayName: input.display_name, GivenName: 'Ada', FamilyName: 'Lovelace', CompanyName: input.company_name, PrimaryEmailAddr: { Address: input.email }, PrimaryPhone: { FreeFormNumber: input.phone },
      BillAddr: { Line1: input.address_line1, City: 'London', CountrySubDivisionCode: 'LDN', PostalCode: input.postal_code, Country: 'GB' }, Notes: input.notes,
    };
    const result = await expectLikeSdk('quickbooks/create-customer', input, (requestId, done) => sdk.createCustomer({ ...body, requestId } as never, done));
    expect(result.output).toMatchObject({ Id: expect.any(String), DisplayName: "Ada O'Lovelace", PrimaryEmailAddr: { Address: 'ada@example.com' } });
    const requestId = Object.fromEntries(fake.requestsTo('POST', /\/customer$/)[0]!.query)['requestid']!;
    expect(requestId.length).toBeLessThanOrEqual(50);
    expect(fake.entities.get('Customer')).toHaveLength(1);
  });

  it('reads a Fault as its message and detail: a duplicate display name, a missing customer', async () => {
    const duplicate = await runStep('quickbooks/create-customer', { display_name: "Ada O'Lovelace" });
    expect(duplicate.result.error?.message).toBe(
      'QuickBooks Online answered 400: Duplicate Name Exists Error: The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
    );
    const orphan = await runStep('quickbooks/create-invoice', { customer_id: '999', lines });
    expect(orphan.result.error?.message).toBe('QuickBooks Online answered 400: Invalid Reference Id: Invalid Reference Id : Names element id 999 not found');
  });

  it('finds a customer by display name (an apostrophe escaped in the query) or email, like the SDK; nothing found is empty', async () => {
    const byName = await expectLikeSdk('quickbooks/find-customer', { by: 'DisplayName', value: "Ada O'Lovelace" }, (_id, done) => sdk.findCustomers(String.raw`where DisplayName = 'Ada O\'Lovelace'` as never, done));
    expect(byName.output).toMatchObject({ DisplayName: "Ada O'Lovelace" });
    const byEmail = await expectLikeSdk('quickbooks/find-customer', { by: 'PrimaryEmailAddr', value: 'ada@example.com' }, (_id, done) => sdk.findCustomers("where PrimaryEmailAddr = 'ada@example.com'" as never, done));
    expect(byEmail.output).toMatchObject({ DisplayName: "Ada O'Lovelace" });
    const none = await runStep('quickbooks/find-customer', { by: 'DisplayName', value: "nobody' or Id > '0" });
    expect(none.result).toMatchObject({ ok: true });
    expect(none.result.output ?? null).toBeNull();
  });

  it('creates an invoice and a sales receipt from line items, and emails the invoice, like the SDK', async () => {
    const customer = fake.entities.get('Customer')![0]!.Id;
    const invoice = await expectLikeSdk(
      'quickbooks/create-invoice',
      { customer_id: customer, lines, txn_date: '2024-06-01', due_date: '2024-07-01', doc_number: 'A-1037', email: 'billing@example.com', customer_memo: 'Thank you!', private_note: 'June work' },
      (requestId, done) =>
        sdk.createInvoice(
          { CustomerRef: { value: customer }, Line: lines, TxnDate: '2024-06-01', DueDate: '2024-07-01', DocNumber: 'A-1037', BillEmail: { Address: 'billing@example.com' }, CustomerMemo: { value: 'Thank you!' }, PrivateNote: 'June work', requestId } as never,
          done,
        ),
    );
    expect(invoice.output).toMatchObject({ TotalAmt: 790, Balance: 790, CustomerRef: { value: customer } });
    expect(fake.entities.get('Invoice')).toHaveLength(1);

    const receipt = await expectLikeSdk(
      'quickbooks/create-sales-receipt',
      { customer_id: customer, lines, txn_date: '2024-06-02', payment_method_id: '1', deposit_account_id: '35', email: 'ada@example.com', private_note: 'Paid cash' },
      (requestId, done) =>
        sdk.createSalesReceipt(
          { CustomerRef: { value: customer }, Line: lines, TxnDate: '2024-06-02', PaymentMethodRef: { value: '1' }, DepositToAccountRef: { value: '35' }, BillEmail: { Address: 'ada@example.com' }, PrivateNote: 'Paid cash', requestId } as never,
          done,
        ),
    );
    expect(receipt.output).toMatchObject({ TotalAmt: 790, Balance: 0 });

    // node-quickbooks' sendInvoicePdf takes no requestid; ours carries one so a retried step emails once.
    const sent = await expectLikeSdk('quickbooks/send-invoice', { invoice_id: invoice.output!.Id, email: 'ap@example.com' }, (_id, done) => sdk.sendInvoicePdf(invoice.output!.Id!, 'ap@example.com', done), ['requestid']);
    expect(Object.fromEntries(fake.requestsTo('POST', /\/send$/)[0]!.query)['requestid']).toMatch(/^\S{1,50}$/);
    expect(sent.output).toMatchObject({ Id: invoice.output!.Id, EmailStatus: 'EmailSent', BillEmail: { Address: 'ap@example.com' } });
  });

  it('offers the active customers as choices, from the query endpoint', async () => {
    const choices = await server.api<{ choices: unknown[] }>('POST', '/packs/quickbooks/actions/create-invoice/fields/customer_id/choices', { connection });
    expect(choices.body.choices).toEqual([{ label: "Ada O'Lovelace", value: fake.entities.get('Customer')![0]!.Id }]);
    expect(Object.fromEntries(fake.requests.at(-1)!.query)).toEqual({ query: 'select * from Customer where Active = true orderby DisplayName maxresults 1000', minorversion: '75' });
  });

  it('refreshes an expired token once and keeps the rotated refresh token; a revoked one asks to reconnect', async () => {
    const refreshes = () => fake.requestsTo('POST', '/oauth2/v1/tokens/bearer').filter((request) => request.body.includes('grant_type=refresh_token'));
    const before = refreshes().length;
    for (let round = 0; round < 2; round++) {
      fake.expireAccessTokens();
      const { result } = await runStep('quickbooks/find-customer', { by: 'DisplayName', value: "Ada O'Lovelace" });
      expect(result.error).toBeUndefined();
    }
    const used = refreshes().slice(before).map((request) => new URLSearchParams(request.body).get('refresh_token'));
    // The second refresh sends the token the first one returned (the first is void by then).
    expect(used).toHaveLength(2);
    expect(used[0]).not.toBe(used[1]);

    fake.expireAccessTokens();
    fake['refreshTokens'].clear();
    const { result } = await runStep('quickbooks/find-customer', { by: 'DisplayName', value: "Ada O'Lovelace" });
    expect(result.error?.message).toMatch(/reconnect/i);
    const view = await server.api<{ status: string }>('GET', `/connections/${connection}`);
    expect(view.body.status).not.toBe('ok');
  });
});
