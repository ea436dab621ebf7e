import { beforeAll, describe, expect, it } from 'vitest';
import { pollNow } from '../../support/poll-now.js';
import { getRun, listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectNotion, integrationSecret } from './notion-connection.js';
import { NotionFake, type FakePage } from './notion-fake.js';

const status = (name: string) => ({ Status: { id: 'Z%3ClH', type: 'status', status: { name } } });
const texts = (page: FakePage) => page.blocks.map((block) => (block['to_do'] as { rich_text: { text: { content: string } }[] }).rich_text[0]!.text.content);

/**
 * Two polls of one Notion database, end to end on the fake: "new database item → filter (urgent only) → append
 * a to-do to it" and "new or updated item" (a run per edit time). The first poll only notes what exists; new
 * and edited items fire once each; a server killed between polls neither doubles nor misses anything.
 */
describe('Notion database polls → append to-do', () => {
  const own = useResources('all');
  let fake: NotionFake;
  let server: SwitchyardProcess;
  let created: PublishedRecipe;
  let updated: PublishedRecipe;
  let tasks: ReturnType<NotionFake['addDataSource']>;
  let existing: FakePage;

  beforeAll(async () => {
    fake = own(await NotionFake.start([integrationSecret]));
    tasks = fake.addDataSource('Tasks');
    existing = fake.addPage(tasks, 'Existing task', status('Urgent'));
    server = own(await SwitchyardProcess.launch());
    const connection = await connectNotion(server, fake);
    expect(connection.status).toBe(201);
    created = await publishRecipe(server, {
      name: 'Checklist for urgent tasks',
      trigger: { use: 'notion/new-database-item', connection: connection.id, input: { data_source_id: tasks.id } },
      steps: [
        { id: 'urgent', use: 'core/filter', input: { all: [{ left: '{{trigger.properties.Status.status.name}}', op: 'eq', right: 'Urgent' }] } },
        { id: 'todo', use: 'notion/append-to-do', connection: connection.id, input: { page_id: '{{trigger.id}}', text: 'Triage {{trigger.properties.Name.title[0].plain_text}}' } },
      ],
    });
    updated = await publishRecipe(server, {
      name: 'Note every edit',
      trigger: { use: 'notion/updated-database-item', connection: connection.id, input: { data_source_id: tasks.id } },
      steps: [{ id: 'seen', use: 'core/filter', input: { all: [{ left: '{{trigger.id}}', op: 'exists' }] } }],
    });
  });

  async function poll(recipe: PublishedRecipe): Promise<void> {
    const lastPoll = async () => (await server.api<{ state: { lastPollAt?: number } }>('GET', `/triggers/${recipe.trigger.id}/state`)).body.state.lastPollAt ?? 0;
    const before = await lastPoll();
    pollNow(server.dataDir, recipe.id);
    await waitFor(async () => ((await lastPoll()) > before ? true : undefined), { timeoutMs: 20_000, intervalMs: 100, what: 'the next poll' });
  }

  it('seeds: items already there start nothing', async () => {
    await poll(created);
    await poll(updated);
    expect(await listRuns(server, created.id)).toEqual([]);
    expect(await listRuns(server, updated.id)).toEqual([]);
    const query = fake.requests.find((request) => request.path === `/v1/data_sources/${tasks.id}/query`)!;
    expect(query.method).toBe('POST');
    expect(query.json).toEqual({ sorts: [{ timestamp: 'created_time', direction: 'descending' }], page_size: 100 });
    expect(query.headers['notion-version']).toBe('2025-09-03');
  });

  it('runs once per new item, the filter keeps only urgent ones, and edits fire the updated trigger once each', async () => {
    fake.minute = 1;
    const urgent = fake.addPage(tasks, 'Server on fire', status('Urgent'));
    fake.addPage(tasks, 'Water the plants', status('Later'));
    fake.minute = 2;
    fake.edit(existing, status('Done'));
    await poll(created);
    const runs = await waitForRuns(server, created.id, 2);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    expect(texts(urgent)).toEqual(['Triage Server on fire']);
    await poll(created);
    expect(await listRuns(server, created.id)).toHaveLength(2);

    await poll(updated);
    // The two new items and the edited one; the to-do appended to "Server on fire" changed no edit time here.
    const edits = await waitForRuns(server, updated.id, 3);
    const ids = await Promise.all(edits.map(async (run) => ((await getRun(server, run.id)).trigger as { id: string }).id));
    expect(ids).toContain(existing.id);
    fake.minute = 3;
    fake.edit(existing, status('Urgent'));
    await poll(updated);
    await waitForRuns(server, updated.id, 4);
    await poll(updated);
    expect(await listRuns(server, updated.id)).toHaveLength(4);
  });

  it('neither doubles nor misses across a restart', async () => {
    fake.minute = 4;
    const before = fake.addPage(tasks, 'Before the crash', status('Urgent'));
    await server.kill('SIGKILL');
    const during = fake.addPage(tasks, 'While down', status('Urgent'));
    await server.start();
    await poll(created);
    await waitForRuns(server, created.id, 4);
    await poll(created);
    expect(await listRuns(server, created.id)).toHaveLength(4);
    expect([texts(before), texts(during)]).toEqual([['Triage Before the crash'], ['Triage While down']]);
  });
});
