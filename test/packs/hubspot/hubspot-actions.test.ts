import type { Client } from '@hubspot/api-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { startOAuth } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectHubspot, expectSameRequest, hubspotRefusal, hubspotSdk } from './hubspot-connection.js';
import { HubspotFake, type HubspotRequest } from './hubspot-fake.js';

type Output = Record<string, unknown> & { items?: { id: string }[] };

const contactProps = ['email', 'firstname', 'lastname', 'phone', 'company', 'jobtitle', 'website', 'lifecyclestage', 'createdate', 'lastmodifieddate'];
const companyProps = ['name', 'domain', 'phone', 'city', 'country', 'industry', 'description', 'createdate', 'hs_lastmodifieddate'];
const dealProps = ['dealname', 'amount', 'pipeline', 'dealstage', 'closedate', 'hubspot_owner_id', 'createdate', 'hs_lastmodifieddate'];
const equals = (propertyName: string, value: string) => [{ filters: [{ propertyName, operator: 'EQ', value }] }];

/**
 * Every HubSpot action run through Switchyard (the builder's "test step") against the fake, and the same
 * operation run by `@hubspot/api-client` 13.5 pointed at the same fake: method, path, query, decoded JSON
 * body and token must agree (finds: every page, the `after` cursor in the body). Also the OAuth connect
 * flow with refresh, a refused private token, and HubSpot's error bodies as readable messages.
 */
describe('HubSpot actions match @hubspot/api-client', () => {
  const own = useResources('all');
  let fake: HubspotFake;
  let server: SwitchyardProcess;
  let sdk: Client;
  let connection: string;
  let harness: PackStepHarness<HubspotRequest, Output, keyof typeof steps>;

  const steps = {
    contact: { use: 'hubspot/create-contact', input: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', lifecyclestage: 'lead' } },
    contact_again: { use: 'hubspot/create-contact', input: { email: 'ADA@example.com' } },
    contact_update: { use: 'hubspot/update-contact', input: { record_id: '{{steps.contact.output.id}}', jobtitle: 'Analyst', lifecyclestage: 'customer' } },
    contact_missing: { use: 'hubspot/update-contact', input: { record_id: '999999', jobtitle: 'Nobody' } },
    contact_find: { use: 'hubspot/find-contact', input: { property: 'email', value: 'ada@example.com' } },
    company: { use: 'hubspot/create-company', input: { name: 'Analytical Engines', domain: 'engines.example', city: 'London' } },
    company_update: { use: 'hubspot/update-company', input: { record_id: '{{steps.company.output.id}}', industry: 'COMPUTER_SOFTWARE' } },
    company_find: { use: 'hubspot/find-company', input: { property: 'city', value: 'Paris' } },
    deal: { use: 'hubspot/create-deal', input: { dealname: 'Engine No. 2', amount: 12000, pipeline: 'default', dealstage: 'appointmentscheduled', closedate: '2024-07-01T00:00:00.000Z' } },
    deal_update: { use: 'hubspot/update-deal', input: { record_id: '{{steps.deal.output.id}}', dealstage: 'closedwon' } },
    deal_find: { use: 'hubspot/find-deal', input: { property: 'dealname', value: 'Engine No. 2' } },
    associate: { use: 'hubspot/associate-records', input: { from_type: 'contacts', from_id: '{{steps.contact.output.id}}', to_type: 'companies', to_id: '{{steps.company.output.id}}' } },
    note: { use: 'hubspot/add-note', input: { record_type: '214', record_id: '{{steps.deal.output.id}}', body: 'Called about <b>the renewal</b>.', timestamp: '2024-06-01T12:00:00.000Z' } },
  };

  beforeAll(async () => {
    fake = own(await HubspotFake.start());
    server = own(await SwitchyardProcess.launch());
    sdk = hubspotSdk(fake);
    const connected = await connectHubspot(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
    harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every HubSpot action', connection, steps, compare: expectSameRequest, isRefusal: hubspotRefusal });
  });

  const idOf = (stepId: keyof typeof steps) => String((harness.outputs[stepId] as { id: string }).id);

  it("refuses a wrong private app token with HubSpot's message, and keeps nothing", async () => {
    const refused = await connectHubspot(server, fake, 'pat-na1-00000000-0000-0000-0000-000000000000');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('HubSpot refused the token (Authentication credentials not found.');
    expect(fake.requestsTo('GET', '/crm/v3/objects/contacts').at(-1)!.headers['authorization']).toBe('Bearer pat-na1-00000000-0000-0000-0000-000000000000');
  });

  it('connects through a public app: code exchange with the client credentials in the form, then refresh', async () => {
    const { clientId, clientSecret } = fake.oauthApp;
    const { id, authorizeUrl: authorize } = await startOAuth(server, {
      packId: 'hubspot',
      name: 'HubSpot (public app)',
      fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url, app_url: fake.url },
    });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: clientId,
      scope: 'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.companies.read crm.objects.companies.write crm.objects.deals.read crm.objects.deals.write',
      state: expect.any(String),
    });
    expect(authorize.searchParams.has('code_challenge')).toBe(false);

    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    expect(await (await fetch(callback)).json()).toEqual({ connectionId: id });
    const exchange = fake.requestsTo('POST', '/oauth/v1/token').at(-1)!;
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: clientSecret,
      code: callback.searchParams.get('code'),
      redirect_uri: authorize.searchParams.get('redirect_uri'),
    });
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    expect(String(fake.requests.slice(before)[0]!.headers['authorization'])).toMatch(/^Bearer CJSP5qf1KhICAQEYs-gDIIGOBii1_/);

    // HubSpot access tokens last 30 minutes: once refused, the refresh token gets a new one and the call is retried.
    fake.expireAccessTokens();
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    const refresh = Object.fromEntries(new URLSearchParams(fake.requestsTo('POST', '/oauth/v1/token').at(-1)!.body));
    expect(refresh).toEqual({ grant_type: 'refresh_token', refresh_token: expect.stringMatching(/^6f18f21e-/), client_id: clientId, client_secret: clientSecret });
  });

  it('creates, updates and finds contacts; a second contact with the same email is explained', async () => {
    const contact = await harness.expectLikeSdk('contact', () =>
      sdk.crm.contacts.basicApi.create({ properties: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', lifecyclestage: 'lead' } } as never),
    );
    expect(contact.output).toMatchObject({ properties: { email: 'ada@example.com', firstname: 'Ada' } });
    const { result: again } = await harness.runStep('contact_again');
    expect(again.error?.message).toBe(`HubSpot answered 409: HubSpot: Contact already exists. Existing ID: ${idOf('contact')} (a record with this unique value already exists).`);
    await harness.expectLikeSdk('contact_update', () => sdk.crm.contacts.basicApi.update(idOf('contact'), { properties: { jobtitle: 'Analyst', lifecyclestage: 'customer' } }));
    const { result: missing } = await harness.runStep('contact_missing');
    expect(missing.error?.message).toBe('HubSpot answered 404: HubSpot found no such record (resource not found).');
    const found = await harness.expectLikeSdk('contact_find', () =>
      sdk.crm.contacts.searchApi.doSearch({ filterGroups: equals('email', 'ada@example.com'), properties: contactProps, limit: 100 } as never),
    );
    expect(found.output?.items?.map((item) => item.id)).toEqual([idOf('contact')]);
  });

  it('creates, updates and finds companies over every page of the search', async () => {
    for (let i = 0; i < 230; i++) fake.add('companies', { name: `Paris ${i}`, city: 'Paris' });
    await harness.expectLikeSdk('company', () => sdk.crm.companies.basicApi.create({ properties: { name: 'Analytical Engines', domain: 'engines.example', city: 'London' } } as never));
    await harness.expectLikeSdk('company_update', () => sdk.crm.companies.basicApi.update(idOf('company'), { properties: { industry: 'COMPUTER_SOFTWARE' } }));
    const { result, requests } = await harness.runStep('company_find');
    expect(result.output?.items).toHaveLength(230);
    expect(requests.map((request) => (request.json as { after?: string }).after)).toEqual([undefined, '100', '200']);
    // The SDK pages by hand: each call passes the `after` the previous page answered.
    for (const [index, after] of [undefined, '100', '200'].entries()) {
      const [theirs] = await harness.sdkRequests(() => sdk.crm.companies.searchApi.doSearch({ filterGroups: equals('city', 'Paris'), properties: companyProps, limit: 100, ...(after && { after }) } as never));
      expectSameRequest(requests[index]!, theirs!);
    }
  });

  it('creates, updates and finds deals', async () => {
    const deal = await harness.expectLikeSdk('deal', () =>
      sdk.crm.deals.basicApi.create({ properties: { dealname: 'Engine No. 2', amount: 12000, pipeline: 'default', dealstage: 'appointmentscheduled', closedate: '2024-07-01T00:00:00.000Z' } } as never),
    );
    expect(deal.output).toMatchObject({ properties: { amount: '12000' } });
    await harness.expectLikeSdk('deal_update', () => sdk.crm.deals.basicApi.update(idOf('deal'), { properties: { dealstage: 'closedwon' } }));
    await harness.expectLikeSdk('deal_find', () => sdk.crm.deals.searchApi.doSearch({ filterGroups: equals('dealname', 'Engine No. 2'), properties: dealProps, limit: 100 } as never));
  });

  it('associates a contact with a company (v4 default) and logs a note on a deal', async () => {
    const associated = await harness.expectLikeSdk('associate', () => sdk.crm.associations.v4.basicApi.createDefault('contacts', idOf('contact'), 'companies', idOf('company')));
    expect(associated.output).toMatchObject({ status: 'COMPLETE' });
    const note = await harness.expectLikeSdk('note', () =>
      sdk.crm.objects.notes.basicApi.create({
        properties: { hs_note_body: 'Called about <b>the renewal</b>.', hs_timestamp: '2024-06-01T12:00:00.000Z' },
        associations: [{ to: { id: idOf('deal') }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }],
      } as never),
    );
    expect(note.output).toMatchObject({ properties: { hs_note_body: 'Called about <b>the renewal</b>.' } });
    expect(fake.associations.filter((link) => link.to === idOf('deal'))).toHaveLength(2);
  });
});
