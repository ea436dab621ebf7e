import type Airtable from 'airtable';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness } from '../../support/pack-step-harness.js';
import { getRun, waitForRun } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { startOAuth } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { airtableRefusal, airtableSdk, connectAirtable, expectSameRequest, personalToken } from './airtable-connection.js';
import { AirtableFake, type AirtableRequest } from './airtable-fake.js';

type Output = { items: { id: string; fields: Record<string, unknown> }[] };

const people = Array.from({ length: 25 }, (_, i) => ({ fields: { Name: `Person ${i + 1}`, Email: `p${i + 1}@example.com` } }));
const tricky = "O'Brien \\ Co\nLtd";

/**
 * Every Airtable action through Switchyard against the fake, beside the official `airtable` client doing the
 * same: requests agree in method, path, decoded query, JSON body and token. Writes of more than 10 records go
 * out 10 at a time (the SDK sends what it is given, so it is given the same chunks); a live run whose second
 * chunk fails with a 503 is retried and resends only the chunks that did not go through. The OAuth connect
 * flow uses PKCE S256 and HTTP Basic, and a refreshed token rotates its refresh token.
 */
describe('Airtable actions match the airtable client', () => {
  const own = useResources('all');
  let fake: AirtableFake;
  let server: SwitchyardProcess;
  let sdk: Airtable;
  let connectionId: string;
  let contacts: ReturnType<AirtableFake['addTable']>;
  let harness: PackStepHarness<AirtableRequest, Output, keyof typeof steps>;

  const at = { base_id: '{{trigger.base}}', table: '{{trigger.table}}' };
  const steps = {
    create: { use: 'airtable/create-records', input: { ...at, records: people, typecast: true } },
    update: { use: 'airtable/update-records', input: { ...at, records: '{{steps.create.output.items}}' } },
    upsert: { use: 'airtable/upsert-records', input: { ...at, records: [{ fields: { Email: 'p3@example.com', Name: 'Person Three' } }, { fields: { Email: 'new@example.com', Name: 'Newcomer' } }], merge_on: ['Email'] } },
    find: { use: 'airtable/find-records', input: { ...at, field: 'Company', value: tricky } },
  };

  beforeAll(async () => {
    fake = own(await AirtableFake.start([personalToken]));
    contacts = fake.addTable('Contacts');
    fake.addRecord(contacts, { Name: 'Brian', Company: tricky });
    fake.addRecord(contacts, { Name: 'Other', Company: "O'Brien" });
    server = own(await SwitchyardProcess.launch());
    sdk = airtableSdk(fake);
    const connection = await connectAirtable(server, fake);
    expect(connection.status).toBe(201);
    connectionId = connection.id;
    harness = await PackStepHarness.importAllSteps({
      server,
      fake,
      name: 'Every Airtable action',
      connection: connection.id,
      steps,
      trigger: { base: fake.base.id, table: contacts.id },
      compare: expectSameRequest,
      isRefusal: airtableRefusal,
    });
  });

  const table = () => sdk.base(fake.base.id)(contacts.id);

  it('checks a pasted token with meta/whoami, and refuses a wrong one with a sentence', async () => {
    expect(fake.requests.find((request) => request.path === '/v0/meta/whoami')?.headers['authorization']).toBe(`Bearer ${personalToken}`);
    const refused = await connectAirtable(server, fake, 'patRevoked.000');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('Airtable refused the token (HTTP 401): reconnect the Airtable connection.');
  });

  it('creates 25 records as three requests of at most 10, each equal to the SDK creating that chunk', async () => {
    const { result, requests } = await harness.runStep('create');
    expect(result.error).toBeUndefined();
    expect(requests.map((request) => (request.json as { records: unknown[] }).records.length)).toEqual([10, 10, 5]);
    for (const [index, request] of requests.entries()) {
      const [sent] = await harness.sdkRequests(() => table().create(people.slice(index * 10, index * 10 + 10), { typecast: true }));
      expectSameRequest(request, sent!);
    }
    expect(result.output!.items.map((record) => record.fields['Name'])).toEqual(people.map((person) => person.fields.Name));
  });

  // "Convert values" left empty is not sent (Airtable's default, false), as the SDK leaves it out.
  it('updates the created records in chunks, like the SDK', async () => {
    const { result, requests } = await harness.runStep('update');
    expect(result.error).toBeUndefined();
    expect(requests.map((request) => request.method)).toEqual(['PATCH', 'PATCH', 'PATCH']);
    const created = (harness.outputs['create'] as { items: { id: string; fields: Record<string, unknown> }[] }).items;
    const [sent] = await harness.sdkRequests(() => table().update(created.slice(0, 10) as never));
    expectSameRequest(requests[0]!, sent!);
  });

  it('upserts on a merge field: one updated, one created, as the SDK sends performUpsert', async () => {
    const existing = contacts.records.find((record) => record.fields['Email'] === 'p3@example.com')!;
    const { result, requests } = await harness.runStep('upsert');
    expect(result.error).toBeUndefined();
    expect(result.output!.items.map((record) => [record.id === existing.id, record.fields['Name']])).toEqual([[true, 'Person Three'], [false, 'Newcomer']]);
    const [sent] = await harness.sdkRequests(() => table().update(steps.upsert.input.records as never, { performUpsert: { fieldsToMergeOn: ['Email'] } } as never));
    expectSameRequest(requests[0]!, sent!);
  });

  it("finds records whose value holds quotes, a backslash and a line break, with Airtable's escaping", async () => {
    const { result, requests } = await harness.runStep('find');
    expect(result.error).toBeUndefined();
    expect(result.output!.items.map((record) => record.fields['Name'])).toEqual(['Brian']);
    const formula = new URL(`http://x/?${new URLSearchParams(requests[0]!.query).toString()}`).searchParams.get('filterByFormula');
    expect(formula).toBe("{Company} = 'O\\'Brien \\\\ Co\\nLtd'");
    const [sent] = await harness.sdkRequests(() => table().select({ filterByFormula: formula!, pageSize: 100 }).firstPage());
    expectSameRequest(requests[0]!, sent!);
  });

  it('retries a run whose second chunk failed and resends only the chunks that did not go through', async () => {
    const live = await server.api<{ id: string }>('POST', '/recipes/import', {
      name: 'Import a list',
      trigger: { use: 'core/manual' },
      steps: [{ id: 'load', use: 'airtable/create-records', connection: connectionId, input: { base_id: fake.base.id, table: contacts.id, records: '{{trigger.body.rows}}' }, retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 } }],
    });
    expect((await server.api('POST', `/recipes/${live.body.id}/publish`, {})).status).toBe(200);
    const rows = Array.from({ length: 25 }, (_, i) => ({ fields: { Name: `Row ${i + 1}` } }));
    const before = fake.requests.length;
    const count = contacts.records.length;
    fake.failCall(2);
    const started = await server.api<{ runId: string }>('POST', `/recipes/${live.body.id}/run`, { input: { rows } });
    expect(started.status).toBe(202);
    const run = await waitForRun(server, started.body.runId);
    expect(run.steps[0]?.error ?? null).toBeNull();
    expect(run.status).toBe('succeeded');
    const sent = fake.requests.slice(before).map((request) => (request.json as { records: { fields: { Name: string } }[] }).records.map((record) => record.fields.Name));
    expect(sent.map((names) => `${names[0]}…${names.at(-1)}`)).toEqual(['Row 1…Row 10', 'Row 11…Row 20', 'Row 11…Row 20', 'Row 21…Row 25']);
    expect(contacts.records.length - count).toBe(25);
    const detail = await getRun(server, run.id);
    expect(detail.steps[0]).toMatchObject({ attempts: 2 });
    expect((detail.steps[0]!.output as { items: unknown[] }).items).toHaveLength(25);
  });

  it('says which chunk failed and what went through', async () => {
    fake.failCall(2);
    const { result } = await harness.runStep('create');
    expect(result.error?.message).toContain('chunk 2 of 3 (items 11–20) failed; items 1–10 went through and are not sent again on retry');
  });

  it('connects through OAuth with PKCE S256 and HTTP Basic, and rotates the refresh token on each refresh', async () => {
    const { clientId, clientSecret } = fake.oauthApp;
    const { id, authorizeUrl: authorize } = await startOAuth(server, { packId: 'airtable', name: 'Airtable (OAuth)', fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url, auth_url: fake.url } });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/oauth2/v1/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('data.records:read data.records:write schema.bases:read');
    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    expect((await fetch(callback)).status).toBe(200);
    expect((await server.api<{ status: string }>('GET', `/connections/${id}`)).body.status).toBe('ok');

    // Twice: the token expires, the call is refused, Switchyard refreshes with the refresh token it holds
    // (the fake accepts each only once), and the call goes through with the new access token.
    for (let round = 0; round < 2; round++) {
      fake.expireAccessTokens();
      expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    }
    const refreshes = fake.requests.filter((request) => request.path === '/oauth2/v1/token').map((request) => new URLSearchParams(request.body));
    expect(refreshes.map((form) => form.get('grant_type'))).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    expect(refreshes[1]!.get('refresh_token')).not.toBe(refreshes[2]!.get('refresh_token'));
    expect(server.logTail(5000)).not.toContain(personalToken);
  });
});
