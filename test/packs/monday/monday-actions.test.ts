import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../support/fake-vendor-server.js';
import { PackStepHarness, sdkRequest, type StepTest } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { startOAuth } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { apiToken, connectMonday, expectSameRequest, mondaySdk } from './monday-connection.js';
import { MondayFake, mondayCursor } from './monday-fake.js';

interface Manifest {
  actions: { key: string; request: { json: { query: string } } }[];
}

/**
 * The monday.com pack's actions on a local monday: each run through Switchyard's step test sends the same
 * GraphQL body (document and variables), token (no `Bearer`) and pinned API-Version as monday-sdk-js's `api()`
 * given that document; GraphQL errors inside HTTP 200 read as sentences; the OAuth app connects and its token
 * is sent as monday reads it.
 */
describe('monday.com actions match monday-sdk-js', () => {
  const own = useResources('all');
  let fake: MondayFake;
  let server: SwitchyardProcess;
  let connection: string;
  let harness: PackStepHarness<RecordedRequest>;
  let queries: Record<string, string>;
  const values = { status: { label: 'Working on it' }, email: { email: 'ada@example.com', text: 'Ada' } };

  beforeAll(async () => {
    fake = own(await MondayFake.start(apiToken));
    server = own(await SwitchyardProcess.launch());
    const connected = await connectMonday(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
    const pack = await server.api<{ manifest: Manifest }>('GET', '/packs/monday');
    queries = Object.fromEntries(pack.body.manifest.actions.map((action) => [action.key, action.request.json.query]));
    const board = fake.board.id;
    const steps = {
      create: { use: 'monday/create-item', input: { board_id: board, group_id: 'topics', name: 'Reply to Ada', column_values: values, create_labels: true } },
      change: { use: 'monday/change-column-values', input: { board_id: board, item_id: '{{steps.create.output.id}}', column_values: { status: { label: 'Done' } } } },
      update: { use: 'monday/create-update', input: { item_id: '{{steps.create.output.id}}', body: 'Followed up by email.' } },
      find: { use: 'monday/find-items', input: { board_id: board, column_id: 'status', value: 'Done', limit: 2 } },
      bad_column: { use: 'monday/change-column-values', input: { board_id: board, item_id: '{{steps.create.output.id}}', column_values: { priority: 'High' } } },
    };
    harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every monday action', connection, steps, compare: expectSameRequest });
  });

  /** Each request of the step against the SDK's for the same variables (a search: one per page, the page's cursor added). */
  async function expectLikeSdk(stepId: string, action: string, ...pages: Record<string, unknown>[]): Promise<StepTest> {
    const { result, requests } = await harness.runStep(stepId);
    expect(requests).toHaveLength(pages.length);
    const sdk = mondaySdk(fake);
    for (const [index, variables] of pages.entries()) expectSameRequest(requests[index]!, await sdkRequest(fake, () => sdk.api(queries[action]!, { variables })));
    return result;
  }

  it('creates an item with JSON column values, changes them and posts an update', async () => {
    const board = fake.board.id;
    const created = await expectLikeSdk('create', 'create-item', { board, group: 'topics', name: 'Reply to Ada', values: JSON.stringify(values), labels: true });
    expect(created.output).toMatchObject({ id: '1772099344', name: 'Reply to Ada', column_values: [{ id: 'status', text: 'Working on it' }, { id: 'email', text: 'ada@example.com' }] });
    const changed = await expectLikeSdk('change', 'change-column-values', { board, item: '1772099344', values: JSON.stringify({ status: { label: 'Done' } }) });
    expect(changed.output).toMatchObject({ column_values: expect.arrayContaining([{ id: 'status', type: 'status', text: 'Done', value: '{"label":"Done"}' }]) });
    const update = await expectLikeSdk('update', 'create-update', { item: '1772099344', body: 'Followed up by email.' });
    expect(update.output).toMatchObject({ body: 'Followed up by email.' });
  });

  it('finds items by a column value over every page, the cursor inside the variables', async () => {
    const done = { id: 'status', type: 'status', text: 'Done', value: '{"label":"Done"}' };
    for (const name of ['Second', 'Third', 'Fourth']) fake.items.push({ id: String(1772099400 + fake.items.length), name, board: fake.board, group: { id: 'topics', title: 'New' }, column_values: [done] });
    const first = { board: fake.board.id, column: 'status', value: 'Done', limit: 2 };
    const found = await expectLikeSdk('find', 'find-items', first, { ...first, cursor: mondayCursor(2) });
    expect(found.output).toMatchObject({ items: [{ name: 'Reply to Ada' }, { name: 'Second' }, { name: 'Third' }, { name: 'Fourth' }] });
  });

  it('offers the boards and, for a chosen one, its columns', async () => {
    const boards = await server.api<{ choices: unknown[] }>('POST', '/packs/monday/actions/create-item/fields/board_id/choices', { connection });
    expect(boards.body.choices).toEqual([{ label: 'Support', value: fake.board.id }]);
    const columns = await server.api<{ choices: { value: string }[] }>('POST', '/packs/monday/actions/find-items/fields/column_id/choices', { connection, input: { board_id: fake.board.id } });
    expect(columns.body.choices.map((choice) => choice.value)).toEqual(['status', 'email', 'date4']);
    expect(fake.calls('boards').at(-1)!.json).toMatchObject({ variables: { board: [fake.board.id] } });
  });

  it('turns a GraphQL error inside HTTP 200 into a sentence', async () => {
    const { result } = await harness.runStep('bad_column');
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain("A column ID in the values does not exist on this board (This column ID doesn't exist for the board).");
  });

  it('connects through an OAuth app and sends its token as monday reads it', async () => {
    const { clientId, clientSecret } = fake.oauthApp;
    const { id, authorizeUrl: authorize } = await startOAuth(server, {
      packId: 'monday',
      name: 'monday (OAuth app)',
      fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url, auth_url: fake.url },
    });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: clientId, scope: 'me:read boards:read boards:write updates:write webhooks:write' });
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    expect(await (await fetch(callback)).json()).toEqual({ connectionId: id });
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    const tested = fake.requests.slice(before).at(-1)!;
    expect(String(tested.headers['authorization'])).toMatch(/^eyJhbGciOiJIUzI1NiJ9\.[0-9a-f]{32}$/);
    expect(tested.headers['api-version']).toBe('2025-07');
  });
});
