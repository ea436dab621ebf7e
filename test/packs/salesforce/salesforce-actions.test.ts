import type { Connection } from 'jsforce';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import { sdkRequests, testOneStep } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectSalesforce, expectSameRequests, jsforceFor, salesforceRefusal } from './salesforce-connection.js';
import { apiRoot, SalesforceFake } from './salesforce-fake.js';

interface Field {
  key: string;
  label: string;
  type: string;
  required: boolean;
  description?: string;
  choices?: { label: string; value: string }[];
}

/**
 * Every Salesforce action run through Switchyard (the builder's step test, the engine's own path) against
 * the fake org, and the same operation through jsforce 3.10.16 pointed at the same fake: the requests agree in
 * method, path, decoded query, JSON body and Bearer session. Also: the OAuth connect flow with the instance
 * URL taken from the token answer, the dynamic fields the form shows, the run's own checks of their values,
 * SOQL escaping (where jsforce escapes only quotes), nextRecordsUrl pages and a session refreshed after expiry.
 */
describe('Salesforce actions match jsforce', () => {
  const own = useResources('all');
  let fake: SalesforceFake;
  let server: SwitchyardProcess;
  let sdk: Connection;
  let connection: string;

  beforeAll(async () => {
    fake = own(await SalesforceFake.start());
    server = own(await SwitchyardProcess.launch());
    sdk = jsforceFor(fake);
    connection = (await connectSalesforce(server, fake)).id;
  });

  const runStep = (use: string, input: Record<string, unknown>) => testOneStep<RecordedRequest, unknown>(server, fake, { use, connection, input });

  const writes = (requests: RecordedRequest[]) => requests.filter((request) => request.method !== 'GET');
  const fieldsOf = async (action: string, input: Record<string, unknown>) =>
    server.api<{ fields: Field[]; error?: { message: string } }>('POST', `/packs/salesforce/actions/${action}/fields`, { connection, input });

  it('connects through the web server flow with PKCE and calls the instance named in the token answer', async () => {
    const { id, authorizeUrl, callback } = await connectSalesforce(server, fake);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${fake.url}/services/oauth2/authorize`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({ response_type: 'code', client_id: fake.clientId, scope: 'api refresh_token', code_challenge_method: 'S256' });
    const exchange = fake.requestsTo('POST', '/services/oauth2/token').at(-1)!;
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code'),
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      redirect_uri: authorizeUrl.searchParams.get('redirect_uri'),
    });
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    const tested = fake.requests.slice(before);
    expect(tested.map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${apiRoot}/`]);
    expect(tested[0]!.headers['authorization']).toMatch(/^Bearer 00Dxx0000001gPL!/);
  });

  it("offers the org's objects (describeGlobal) and, for one, its createable fields typed, with active picklist values", async () => {
    const before = fake.requests.length;
    const objects = await server.api<{ choices: { label: string; value: string }[] }>('POST', '/packs/salesforce/actions/create-record/fields/object/choices', { connection });
    expect(objects.body.choices).toEqual([{ label: 'Lead (Lead)', value: 'Lead' }, { label: 'Account (Account)', value: 'Account' }]);
    expectSameRequests(fake.requests.slice(before), await sdkRequests(fake, () => sdk.describeGlobal(), salesforceRefusal));

    const start = fake.requests.length;
    const answer = await fieldsOf('create-record', { object: 'Lead' });
    expect(answer.status).toBe(200);
    expectSameRequests(fake.requests.slice(start), await sdkRequests(fake, () => sdk.describe('Lead'), salesforceRefusal));
    const byKey = Object.fromEntries(answer.body.fields.map((field) => [field.key, field]));
    expect(Object.keys(byKey)).toEqual(['FirstName', 'LastName', 'Company', 'Email', 'Status', 'LeadSource', 'NumberOfEmployees', 'AnnualRevenue', 'HasOptedOutOfEmail', 'Interests__c', 'Website']);
    expect(byKey['LastName']).toMatchObject({ type: 'string', required: true });
    expect(byKey['Status']).toMatchObject({ type: 'select', required: false });
    expect(byKey['Email']).toMatchObject({ type: 'email', description: 'Where we write to the lead.' });
    expect(byKey['LeadSource']!.choices!.map((choice) => choice.value)).toEqual(['Web', 'Phone Inquiry', 'Partner Referral']);
    expect(byKey['Interests__c']).toMatchObject({ type: 'multiselect' });
    expect(byKey['NumberOfEmployees']).toMatchObject({ type: 'integer' });
    expect(byKey['AnnualRevenue']).toMatchObject({ type: 'number' });

    const update = await fieldsOf('update-record', { object: 'Lead', record_id: 'x' });
    expect(update.body.fields.every((field) => !field.required)).toBe(true);
    expect(update.body.fields.map((field) => field.key)).not.toContain('CreatedDate');
    const missing = await fieldsOf('create-record', { object: 'Opportunity' });
    expect(missing.status).toBe(502);
    expect(missing.body.error?.message).toBe('Salesforce answered 404: Salesforce found no such record or object: The requested resource does not exist');
  });

  it('creates a record with typed values, as jsforce sends it, and refuses values that do not fit before calling Salesforce', async () => {
    const input = { object: 'Lead', LastName: 'Lovelace', FirstName: 'Ada', Company: 'Analytical Engines', Email: 'ada@example.com', NumberOfEmployees: '42', AnnualRevenue: 1500000.5, Interests__c: ['Billing', 'Support'], LeadSource: 'Web' };
    const { result, requests } = await runStep('salesforce/create-record', input);
    expect(result).toMatchObject({ ok: true, output: { id: expect.stringMatching(/^00Q/), success: true, errors: [] } });
    const values = { LastName: 'Lovelace', FirstName: 'Ada', Company: 'Analytical Engines', Email: 'ada@example.com', NumberOfEmployees: 42, AnnualRevenue: 1500000.5, Interests__c: 'Billing;Support', LeadSource: 'Web' };
    expectSameRequests(writes(requests), await sdkRequests(fake, () => sdk.sobject('Lead').create(values), salesforceRefusal));

    for (const [bad, message] of [
      [{ Company: 'No name' }, '"Last Name" is required'],
      [{ LastName: 'X', Company: 'Y', NumberOfEmployees: 'many' }, 'NumberOfEmployees: must be a number'],
      [{ LastName: 'X', Company: 'Y', LeadSource: 'Trade Show' }, 'LeadSource: must be one of'],
      [{ LastName: 'X', Company: 'Y', Colour: 'red' }, 'has no field "Colour"'],
    ] as const) {
      const refused = await runStep('salesforce/create-record', { object: 'Lead', ...bad });
      expect(refused.result).toMatchObject({ ok: false, error: { code: 'INVALID_STEP_INPUT' } });
      expect(refused.result.error!.message).toContain(message);
      expect(writes(refused.requests)).toEqual([]);
    }
  });

  it("updates a record as jsforce does, and says so when Salesforce has no such record", async () => {
    const lead = fake.insert('Lead', { LastName: 'Hopper', Company: 'Navy', Status: 'Open - Not Contacted' });
    const { result, requests } = await runStep('salesforce/update-record', { object: 'Lead', record_id: lead.Id, Status: 'Working - Contacted', HasOptedOutOfEmail: 'true' });
    expect(result).toMatchObject({ ok: true, output: null });
    expectSameRequests(writes(requests), await sdkRequests(fake, () => sdk.sobject('Lead').update({ Id: lead.Id, Status: 'Working - Contacted', HasOptedOutOfEmail: true }), salesforceRefusal));
    expect(lead).toMatchObject({ Status: 'Working - Contacted', HasOptedOutOfEmail: true });

    const missing = await runStep('salesforce/update-record', { object: 'Lead', record_id: '00Q000000000000AAA', FirstName: 'X' });
    expect(missing.result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Salesforce found no such record or object: Provided external ID field does not exist') } });
  });

  it('finds records by a field with the value escaped: the same SOQL as jsforce for quotes, and backslashes kept where jsforce breaks the query', async () => {
    const obrien = fake.insert('Lead', { LastName: "O'Brien", Company: 'Pub', Email: 'ob@example.com' });
    const { result, requests } = await runStep('salesforce/find-record', { object: 'Lead', field: 'LastName', value: "O'Brien" });
    expect(result).toMatchObject({ ok: true, output: { items: [{ Id: obrien.Id, LastName: "O'Brien" }] } });
    const theirs = await sdkRequests(fake, () => sdk.sobject('Lead').find({ LastName: "O'Brien" }, ['FIELDS(ALL)']).sort({ CreatedDate: -1 }).limit(10).execute(), salesforceRefusal);
    expectSameRequests(requests, theirs);

    const tricky = "C:\\temp\\ 'quoted' \"x\"\nline two\t\\";
    const stored = fake.insert('Lead', { LastName: tricky, Company: 'Paths' });
    const found = await runStep('salesforce/find-record', { object: 'Lead', field: 'LastName', value: tricky, limit: 5 });
    expect(found.result).toMatchObject({ ok: true, output: { items: [{ Id: stored.Id, LastName: tricky }] } });
    expect(new URLSearchParams(found.requests[0]!.query).get('q')).toBe(
      "SELECT FIELDS(ALL) FROM Lead WHERE LastName = 'C:\\\\temp\\\\ \\'quoted\\' \"x\"\\nline two\\t\\\\' ORDER BY CreatedDate DESC LIMIT 5",
    );
    // jsforce escapes only single quotes, so the same value makes a query Salesforce refuses.
    const jsforceQuery = await sdkRequests(fake, () => sdk.sobject('Lead').find({ LastName: tricky }, ['FIELDS(ALL)']).limit(5).execute(), salesforceRefusal);
    expect(jsforceQuery).toHaveLength(1);

    const injected = await runStep('salesforce/find-record', { object: 'Lead', field: 'LastName', value: "x' OR LastName != 'y" });
    expect(injected.result).toMatchObject({ ok: true, output: { items: [] } });
  });

  it('runs a SOQL query over every nextRecordsUrl page, like jsforce with autoFetch, and maps a malformed query', async () => {
    for (let i = 0; i < 5; i++) fake.insert('Account', { Name: `Acme ${i}`, Industry: 'Energy' });
    fake.pageSize = 2;
    try {
      const soql = "SELECT Id, Name FROM Account WHERE Industry = 'Energy' ORDER BY Name ASC";
      const { result, requests } = await runStep('salesforce/soql-query', { soql });
      expect((result.output as { items: { Name: string }[] }).items.map((item) => item.Name)).toEqual(['Acme 0', 'Acme 1', 'Acme 2', 'Acme 3', 'Acme 4']);
      expect(requests.map((request) => request.path)).toEqual([`${apiRoot}/query`, expect.stringMatching(/\/query\/01gxx\d+-2$/), expect.stringMatching(/\/query\/01gxx\d+-4$/)]);
      const theirs = await sdkRequests(fake, () => sdk.query(soql, { autoFetch: true, maxFetch: 100 }), salesforceRefusal);
      // Locators differ per query; the pages asked for are the same.
      const same = (list: RecordedRequest[]) => list.map((request) => ({ ...request, path: request.path.replace(/01gxx\d+/, 'locator') }));
      expectSameRequests(same(requests), same(theirs));
    } finally {
      fake.pageSize = 2000;
    }
    const bad = await runStep('salesforce/soql-query', { soql: 'SELECT FROM' });
    expect(bad.result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Salesforce could not read the query') } });
  });

  it('refreshes an expired session once and carries on', async () => {
    fake.expireSessions();
    const { result, requests } = await runStep('salesforce/soql-query', { soql: 'SELECT Id FROM Account LIMIT 1' });
    expect(result.ok).toBe(true);
    const refresh = requests.find((request) => request.path === '/services/oauth2/token');
    expect(Object.fromEntries(new URLSearchParams(refresh!.body))).toMatchObject({ grant_type: 'refresh_token', client_id: fake.clientId, refresh_token: expect.stringMatching(/^5Aep861/) });
  });
});
