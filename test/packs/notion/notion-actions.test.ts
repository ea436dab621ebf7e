import type { Client } from '@notionhq/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness, sdkRequest, type StepTest } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { startOAuth } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectNotion, expectSameRequest, integrationSecret, notionRefusal, notionSdk } from './notion-connection.js';
import { NotionFake, property, type NotionRequest } from './notion-fake.js';

type Output = Record<string, unknown> & { id?: string; items?: { id: string }[] };

const title = (text: string) => ({ title: [{ text: { content: text } }] });
const richText = (text: string) => ({ rich_text: [{ text: { content: text } }] });

/** A data source with every property type: the ones a page may set, and the ones Notion computes (never offered). */
const everyType = [
  property('Name', 'title'),
  property('Notes', 'rich_text'),
  property('Estimate', 'number'),
  property('Priority', 'select', ['Low', 'High']),
  property('Tags', 'multi_select', ['web', 'api', 'docs']),
  property('Stage', 'status', ['Not started', 'Done']),
  property('Due', 'date'),
  property('Shipped', 'checkbox'),
  property('Contact', 'email'),
  property('Link', 'url'),
  property('Phone', 'phone_number'),
  property('Owner', 'people'),
  property('Related', 'relation'),
  ...['formula', 'rollup', 'created_time', 'created_by', 'last_edited_time', 'last_edited_by', 'unique_id', 'button', 'verification', 'files'].map((type) => property(`Auto ${type}`, type)),
];

/**
 * Every Notion action run through Switchyard (the builder's "test step") against the fake, and the same
 * operation run by @notionhq/client 5 pointed at the fake: the requests must agree in method, path, JSON body,
 * Notion-Version and token. Database items are written through typed fields, one per property of the chosen
 * data source (dynamic fields), and the SDK is given the same values in Notion's shape. Refusals read as
 * sentences. The OAuth connect flow runs through the fake's authorize page and token endpoint with HTTP Basic
 * client auth.
 */
describe('Notion actions match @notionhq/client', () => {
  const own = useResources('all');
  let fake: NotionFake;
  let server: SwitchyardProcess;
  let sdk: Client;
  let connectionId: string;
  let tasks: ReturnType<NotionFake['addDataSource']>;
  let everything: ReturnType<NotionFake['addDataSource']>;
  let harness: PackStepHarness<NotionRequest, Output, keyof typeof steps>;

  const typed = {
    Name: 'Ship v2',
    Notes: 'Two lines:\nfirst, then second',
    Estimate: '3.5',
    Priority: 'High',
    Tags: ['web', 'api'],
    Stage: 'Not started',
    Due: '2026-07-01',
    Shipped: false,
    Contact: 'ada@example.com',
    Link: 'https://example.com/spec',
    Phone: '+1 555 0100',
    Owner: 'c2f20311-9e54-4d11-8c79-7398424ae41e, 9a3b5ae0-c6e6-482d-b0e1-ed315ee6dc57',
    Related: '59833787-2cf9-4fdf-8782-e53db20768a5',
  };
  const steps = {
    create: { use: 'notion/create-database-item', input: { data_source_id: '{{trigger.source}}', Name: 'Plan the launch', Status: 'To do', Due: '2026-06-15' } },
    typed: { use: 'notion/create-database-item', input: { data_source_id: '{{trigger.everything}}', ...typed } },
    update: { use: 'notion/update-page', input: { page_id: '{{steps.create.output.id}}', data_source_id: '{{trigger.source}}', Name: '', Status: 'Done', Due: '{{trigger.missing}}' } },
    trash: { use: 'notion/update-page', input: { page_id: '{{steps.create.output.id}}', in_trash: true } },
    paragraph: { use: 'notion/append-paragraph', input: { page_id: '{{steps.create.output.id}}', text: 'Kick-off on Monday' } },
    heading: { use: 'notion/append-heading', input: { page_id: '{{steps.create.output.id}}', text: 'Agenda' } },
    bullet: { use: 'notion/append-bulleted-item', input: { page_id: '{{steps.create.output.id}}', text: 'Budget' } },
    todo: { use: 'notion/append-to-do', input: { page_id: '{{steps.create.output.id}}', text: 'Book the room', checked: true } },
    find: { use: 'notion/find-items', input: { data_source_id: '{{trigger.source}}', filter: { property: 'Status', status: { equals: 'Done' } }, sorts: [{ timestamp: 'created_time', direction: 'ascending' }] } },
    missing: { use: 'notion/update-page', input: { page_id: '00000000-0000-4000-8000-00000000dead', data_source_id: '{{trigger.source}}', Status: 'Done' } },
    untitled: { use: 'notion/create-database-item', input: { data_source_id: '{{trigger.source}}', Status: 'To do' } },
    computed: { use: 'notion/create-database-item', input: { data_source_id: '{{trigger.everything}}', Name: 'x', 'Auto formula': '1' } },
  };

  beforeAll(async () => {
    fake = own(await NotionFake.start([integrationSecret]));
    tasks = fake.addDataSource('Tasks');
    everything = fake.addDataSource('Everything', everyType);
    server = own(await SwitchyardProcess.launch());
    sdk = notionSdk(fake);
    const connection = await connectNotion(server, fake);
    expect(connection.status).toBe(201);
    connectionId = connection.id;
    harness = await PackStepHarness.importAllSteps({
      server,
      fake,
      name: 'Every Notion action',
      connection: connection.id,
      steps,
      trigger: { source: tasks.id, everything: everything.id },
      compare: expectSameRequest,
      isRefusal: notionRefusal,
    });
  });

  /** The step's one write (after the data source's properties, read once a minute at most) against the SDK's. */
  async function expectLikeSdk(stepId: keyof typeof steps, call: () => Promise<unknown>): Promise<StepTest<Output>> {
    const { result, requests } = await harness.runStep(stepId);
    expect(result.error).toBeUndefined();
    const writes = requests.filter((request) => request.method !== 'GET');
    expect(writes).toHaveLength(1);
    expectSameRequest(writes[0]!, await sdkRequest(fake, call, notionRefusal));
    return result;
  }

  it('checks the pasted secret with /users/me when saving, and refuses a wrong one with a sentence', async () => {
    const check = fake.requests.find((request) => request.path === '/v1/users/me')!;
    expect(check.headers['notion-version']).toBe('2025-09-03');
    const refused = await connectNotion(server, fake, 'ntn_revoked');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('Notion refused the token (unauthorized): reconnect the Notion connection.');
    expect(refused.message).not.toContain('ntn_revoked');
  });

  it('connects through OAuth: owner=user, no PKCE, the code exchanged with HTTP Basic client auth, workspace kept', async () => {
    const { clientId, clientSecret, accessToken } = fake.oauthApp;
    const { id, authorizeUrl: authorize } = await startOAuth(server, { packId: 'notion', name: 'Notion (OAuth)', fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url } });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/v1/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: clientId, owner: 'user', response_type: 'code' });
    expect(authorize.searchParams.get('code_challenge')).toBeNull();
    const approved = await fetch(authorize, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    expect((await fetch(callback)).status).toBe(200);

    const exchange = fake.tokenRequests.at(-1)!;
    expect(exchange.authorization).toBe(`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
    expect(exchange.params).toMatchObject({ grant_type: 'authorization_code', code: callback.searchParams.get('code'), redirect_uri: authorize.searchParams.get('redirect_uri') });
    // The SDK's own exchange of a code sends the same parameters (as JSON; Notion reads both encodings).
    await sdk.oauth.token({ client_id: clientId, client_secret: clientSecret, grant_type: 'authorization_code', code: 'code-used', redirect_uri: exchange.params['redirect_uri']! }).catch(() => undefined);
    const sdkExchange = fake.tokenRequests.at(-1)!;
    expect(sdkExchange.authorization).toBe(exchange.authorization);
    expect(Object.keys(sdkExchange.params).sort()).toEqual(Object.keys(exchange.params).sort());

    const view = await server.api<{ status: string; captured: Record<string, unknown> }>('GET', `/connections/${id}`);
    expect(view.body).toMatchObject({ status: 'ok', captured: { workspace_name: 'Acme', workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565' } });
    expect(JSON.stringify(view.body)).not.toContain(accessToken);
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    expect(fake.requests.slice(before).map((request) => request.headers['authorization'])).toEqual([`Bearer ${accessToken}`]);
  });

  it('offers the data source’s writable properties as typed fields, options as choices, and only the title required on create', async () => {
    const fields = async (action: string, input: Record<string, unknown>) =>
      (await server.api<{ fields: { key: string; type: string; required: boolean; choices?: { value: string }[] }[] }>('POST', `/packs/notion/actions/${action}/fields`, { connection: connectionId, input })).body.fields;
    const created = await fields('create-database-item', { data_source_id: everything.id });
    expect(created.map((field) => [field.key, field.type, field.required])).toEqual([
      ['Name', 'string', true], ['Notes', 'text', false], ['Estimate', 'number', false], ['Priority', 'select', false], ['Tags', 'multiselect', false],
      ['Stage', 'select', false], ['Due', 'date', false], ['Shipped', 'boolean', false], ['Contact', 'email', false], ['Link', 'url', false],
      ['Phone', 'string', false], ['Owner', 'string', false], ['Related', 'string', false],
    ]);
    const choices = (key: string) => created.find((field) => field.key === key)?.choices?.map((choice) => choice.value);
    expect([choices('Priority'), choices('Tags'), choices('Stage')]).toEqual([['Low', 'High'], ['web', 'api', 'docs'], ['Not started', 'Done']]);
    const read = fake.requests.filter((request) => request.path === `/v1/data_sources/${everything.id}`);
    expect(read.at(-1)).toMatchObject({ method: 'GET', headers: { 'notion-version': '2025-09-03', authorization: `Bearer ${integrationSecret}` } });
    // The SDK reads a data source at the same address.
    expectSameRequest(read.at(-1)!, await sdkRequest(fake, () => sdk.dataSources.retrieve({ data_source_id: everything.id }), notionRefusal));

    const updated = await fields('update-page', { page_id: 'p', data_source_id: everything.id });
    expect(updated.map((field) => field.key)).toEqual(created.map((field) => field.key));
    expect(updated.every((field) => !field.required)).toBe(true);
    expect(await fields('update-page', { page_id: 'p' })).toEqual([]);
  });

  it('creates a database item from typed fields', async () => {
    const result = await expectLikeSdk('create', () =>
      sdk.pages.create({ parent: { type: 'data_source_id', data_source_id: tasks.id }, properties: { Name: title('Plan the launch'), Status: { status: { name: 'To do' } }, Due: { date: { start: '2026-06-15' } } } }),
    );
    expect(result.output).toMatchObject({ object: 'page', parent: { data_source_id: tasks.id }, properties: { Status: { status: { name: 'To do' } } } });
    expect(tasks.pages.map((page) => (page.properties['Name'] as { title: { text: { content: string } }[] }).title[0]!.text.content)).toContain('Plan the launch');
  });

  it('sends every writable property type in Notion’s value shape, as the SDK does', async () => {
    await expectLikeSdk('typed', () =>
      sdk.pages.create({
        parent: { type: 'data_source_id', data_source_id: everything.id },
        properties: {
          Name: title(typed.Name),
          Notes: richText(typed.Notes),
          Estimate: { number: 3.5 },
          Priority: { select: { name: 'High' } },
          Tags: { multi_select: [{ name: 'web' }, { name: 'api' }] },
          Stage: { status: { name: 'Not started' } },
          Due: { date: { start: '2026-07-01' } },
          Shipped: { checkbox: false },
          Contact: { email: 'ada@example.com' },
          Link: { url: 'https://example.com/spec' },
          Phone: { phone_number: '+1 555 0100' },
          Owner: { people: [{ id: 'c2f20311-9e54-4d11-8c79-7398424ae41e' }, { id: '9a3b5ae0-c6e6-482d-b0e1-ed315ee6dc57' }] },
          Related: { relation: [{ id: '59833787-2cf9-4fdf-8782-e53db20768a5' }] },
        },
      }),
    );
    // Ours, then the SDK's: the fake kept the same values for both.
    const [ours, theirs] = everything.pages.map((page) => page.properties);
    expect(ours).toEqual(theirs);
    expect(ours).toMatchObject({ Estimate: { number: 3.5 }, Shipped: { checkbox: false }, Tags: { multi_select: [{ name: 'web' }, { name: 'api' }] } });
  });

  it('updates only the properties filled in, then finds the item by its new status', async () => {
    const id = harness.outputs['create'] as { id: string };
    // Name left empty and Due mapped to nothing are not sent: the page keeps them.
    await expectLikeSdk('update', () => sdk.pages.update({ page_id: id.id, properties: { Status: { status: { name: 'Done' } } } }));
    expect(fake.page(id.id)!.properties).toMatchObject({ Status: { status: { name: 'Done' } }, Name: { title: [{ plain_text: 'Plan the launch' }] } });
    await expectLikeSdk('find', () =>
      sdk.dataSources.query({ data_source_id: tasks.id, filter: { property: 'Status', status: { equals: 'Done' } }, sorts: [{ timestamp: 'created_time', direction: 'ascending' }], page_size: 100 } as never),
    );
    expect((harness.outputs['find'] as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([id.id]);
  });

  it('appends a paragraph, a heading, a bulleted item and a checked to-do', async () => {
    const pageId = (harness.outputs['create'] as { id: string }).id;
    const block = (type: string, text: string, extra: Record<string, unknown> = {}) => ({ object: 'block', type, [type]: { rich_text: [{ type: 'text', text: { content: text } }], ...extra } });
    await expectLikeSdk('paragraph', () => sdk.blocks.children.append({ block_id: pageId, children: [block('paragraph', 'Kick-off on Monday')] } as never));
    await expectLikeSdk('heading', () => sdk.blocks.children.append({ block_id: pageId, children: [block('heading_2', 'Agenda')] } as never));
    await expectLikeSdk('bullet', () => sdk.blocks.children.append({ block_id: pageId, children: [block('bulleted_list_item', 'Budget')] } as never));
    await expectLikeSdk('todo', () => sdk.blocks.children.append({ block_id: pageId, children: [block('to_do', 'Book the room', { checked: true })] } as never));
    // Ours, then the SDK's, for each kind.
    expect(fake.page(pageId)!.blocks.map((added) => added['type'])).toEqual(['paragraph', 'paragraph', 'heading_2', 'heading_2', 'bulleted_list_item', 'bulleted_list_item', 'to_do', 'to_do']);
    expect(fake.page(pageId)!.blocks[6]).toMatchObject({ to_do: { checked: true, rich_text: [{ text: { content: 'Book the room' } }] } });
  });

  it('trashes the page (in_trash) without a database chosen, like the SDK', async () => {
    const pageId = (harness.outputs['create'] as { id: string }).id;
    // No database, no property fields: `properties` is the empty object, which Notion reads as "change none".
    const { requests } = await harness.runStep('trash');
    expect(requests).toHaveLength(1);
    expectSameRequest(requests[0]!, await sdkRequest(fake, () => sdk.pages.update({ page_id: pageId, properties: {}, in_trash: true }), notionRefusal));
    expect(fake.page(pageId)!.in_trash).toBe(true);
  });

  it('pages through a query with start_cursor in the body', async () => {
    for (let i = 0; i < 120; i++) fake.addPage(tasks, `Backlog ${i}`, { Status: { status: { name: 'Done' } } });
    const { result, requests } = await harness.runStep('find');
    expect(result.output!.items).toHaveLength(120);
    expect(requests.map((request) => (request.json as { start_cursor?: string }).start_cursor)).toEqual([undefined, 'cursor-100']);
  });

  it('reads Notion refusals as sentences', async () => {
    const missing = await harness.runStep('missing');
    expect(missing.result.error?.message).toContain('Notion cannot find it (object_not_found): check the ID and share the page or database with the integration');
    const untitled = await harness.runStep('untitled');
    expect(untitled.result.error).toMatchObject({ code: 'INVALID_STEP_INPUT', message: expect.stringContaining('"Name" is required') });
    expect(untitled.requests.filter((request) => request.method === 'POST')).toEqual([]);
    const computed = await harness.runStep('computed');
    expect(computed.result.error?.message).toContain('has no field "Auto formula" here');
    expect(server.logTail(5000)).not.toContain(integrationSecret);
  });
});
