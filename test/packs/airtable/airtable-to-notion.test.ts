import { beforeAll, describe, expect, it } from 'vitest';
import { pollNow } from '../../support/poll-now.js';
import { listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectNotion, integrationSecret } from '../notion/notion-connection.js';
import { NotionFake, type FakePage } from '../notion/notion-fake.js';
import { connectAirtable, personalToken } from './airtable-connection.js';
import { AirtableFake, type FakeRecord } from './airtable-fake.js';

const minutes = (n: number) => n * 60_000;

/**
 * Two Airtable polls end to end on the fakes. "New or updated record (by its Last Modified field) → filter
 * (linked to Notion) → Notion update page": the Status of the Airtable record is copied to its Notion page,
 * once per change, including a change made while Switchyard was down (SIGKILL). And "new record": the first
 * poll notes nothing old, new records fire once. The poll asks Airtable with filterByFormula on {{poll.cursor}}.
 */
describe('Airtable updated record → Notion update page', () => {
  const own = useResources('all');
  let airtable: AirtableFake;
  let notion: NotionFake;
  let server: SwitchyardProcess;
  let updated: PublishedRecipe;
  let created: PublishedRecipe;
  let tasks: ReturnType<AirtableFake['addTable']>;
  let page: FakePage;
  let linked: FakeRecord;
  // Notion's page changes only through this recipe: its updates are counted.
  let statusCopies = 0;

  beforeAll(async () => {
    airtable = own(await AirtableFake.start([personalToken]));
    notion = own(await NotionFake.start([integrationSecret]));
    const roadmap = notion.addDataSource('Roadmap');
    page = notion.addPage(roadmap, 'Launch');
    tasks = airtable.addTable('Tasks');
    linked = airtable.addRecord(tasks, { Name: 'Launch', Status: 'Todo', 'Notion Page': page.id });
    airtable.addRecord(tasks, { Name: 'Unlinked', Status: 'Todo' });
    server = own(await SwitchyardProcess.launch());
    const at = await connectAirtable(server, airtable);
    const no = await connectNotion(server, notion);
    expect([at.status, no.status]).toEqual([201, 201]);
    updated = await publishRecipe(server, {
      name: 'Mirror task status to Notion',
      trigger: { use: 'airtable/updated-record', connection: at.id, input: { base_id: airtable.base.id, table: tasks.id, modified_field: 'Last Modified' } },
      steps: [
        { id: 'linked', use: 'core/filter', input: { all: [{ left: '{{trigger.fields["Notion Page"]}}', op: 'exists' }] } },
        { id: 'mirror', use: 'notion/update-page', connection: no.id, input: { page_id: '{{trigger.fields["Notion Page"]}}', data_source_id: roadmap.id, Status: '{{trigger.fields.Status}}' } },
      ],
    });
    created = await publishRecipe(server, {
      name: 'New tasks',
      trigger: { use: 'airtable/new-record', connection: at.id, input: { base_id: airtable.base.id, table: tasks.id } },
      steps: [{ id: 'seen', use: 'core/filter', input: { all: [{ left: '{{trigger.id}}', op: 'exists' }] } }],
    });
  });

  async function poll(recipe: PublishedRecipe): Promise<void> {
    const lastPoll = async () => (await server.api<{ state: { lastPollAt?: number } }>('GET', `/triggers/${recipe.trigger.id}/state`)).body.state.lastPollAt ?? 0;
    const before = await lastPoll();
    pollNow(server.dataDir, recipe.id);
    await waitFor(async () => ((await lastPoll()) > before ? true : undefined), { timeoutMs: 20_000, intervalMs: 100, what: 'the next poll' });
  }

  const updates = () => notion.requests.filter((request) => request.method === 'PATCH' && request.path === `/v1/pages/${page.id}`);
  const notionStatus = () => (page.properties['Status'] as { status: { name: string } } | undefined)?.status.name;

  it('seeds from the time of the first poll: existing records start nothing', async () => {
    await poll(updated);
    await poll(created);
    expect(await listRuns(server, updated.id)).toEqual([]);
    expect(await listRuns(server, created.id)).toEqual([]);
    const asked = airtable.requests.filter((request) => request.method === 'GET' && request.path === `/v0/${airtable.base.id}/${tasks.id}`);
    const formulas = asked.map((request) => Object.fromEntries(request.query)['filterByFormula']);
    expect(formulas[0]).toMatch(/^IS_AFTER\(\{Last Modified\}, '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z'\)$/);
    expect(formulas[1]).toMatch(/^NOT\(IS_BEFORE\(CREATED_TIME\(\), '\d{4}-.+Z'\)\)$/);
    expect(Object.fromEntries(asked[0]!.query)).toMatchObject({ 'sort[0][field]': 'Last Modified', 'sort[0][direction]': 'asc', pageSize: '100' });
  });

  it('copies each change of a linked record once, and skips unlinked ones at the filter', async () => {
    airtable.clock = minutes(10);
    airtable.edit(linked, { Status: 'In progress' });
    airtable.addRecord(tasks, { Name: 'Fresh', Status: 'Todo' });
    await poll(updated);
    await waitForRuns(server, updated.id, 2);
    await poll(updated);
    expect(await listRuns(server, updated.id)).toHaveLength(2);
    expect(notionStatus()).toBe('In progress');
    expect(updates()).toHaveLength(++statusCopies);

    await poll(created);
    const fresh = await waitForRuns(server, created.id, 1);
    expect(fresh.map((run) => run.status)).toEqual(['succeeded']);
  });

  it('neither doubles nor misses a change across a restart', async () => {
    airtable.clock = minutes(20);
    airtable.edit(linked, { Status: 'Review' });
    await server.kill('SIGKILL');
    airtable.clock = minutes(30);
    airtable.edit(linked, { Status: 'Done' });
    await server.start();
    await poll(updated);
    await waitForRuns(server, updated.id, 3);
    await poll(updated);
    expect(await listRuns(server, updated.id)).toHaveLength(3);
    // The record changed twice while down but Airtable shows only its latest state: one run, the final status.
    expect(notionStatus()).toBe('Done');
    expect(updates()).toHaveLength(++statusCopies);
    await poll(created);
    expect(await listRuns(server, created.id)).toHaveLength(1);
  });
});
