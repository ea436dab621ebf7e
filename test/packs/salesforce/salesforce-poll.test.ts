import { beforeAll, describe, expect, it } from 'vitest';
import { pollNow } from '../../support/poll-now.js';
import { listRuns, publishRecipe, waitForRuns, getRun, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectSalesforce } from './salesforce-connection.js';
import { apiRoot, SalesforceFake } from './salesforce-fake.js';

/**
 * The two poll triggers on the fake org: the first check notes the time and starts nothing (records made
 * before publishing never fire), later checks start one run per new record, and a server
 * killed between checks neither repeats a run nor misses a record made while it was down; "New or updated
 * record" fires again for each change of SystemModstamp, once.
 */
describe('Salesforce record polls', () => {
  const own = useResources('all');
  let fake: SalesforceFake;
  let server: SwitchyardProcess;
  let connection: string;

  beforeAll(async () => {
    fake = own(await SalesforceFake.start());
    fake.insert('Lead', { LastName: 'Before', Company: 'Old' });
    server = own(await SwitchyardProcess.launch());
    connection = (await connectSalesforce(server, fake)).id;
  });

  async function poll(recipe: PublishedRecipe): Promise<void> {
    const lastPollAt = async () => (await server.api<{ state: { lastPollAt?: number } }>('GET', `/triggers/${recipe.trigger.id}/state`)).body.state.lastPollAt ?? 0;
    const before = await lastPollAt();
    pollNow(server.dataDir, recipe.id);
    await waitFor(async () => (await lastPollAt()) > before, { timeoutMs: 20_000, intervalMs: 100, what: 'the next check' });
  }

  const publish = (key: string) =>
    publishRecipe(server, {
      name: `On ${key}`,
      trigger: { use: `salesforce/${key}`, connection, input: { object: 'Lead' } },
      steps: [{ id: 'seen', use: 'core/filter', input: { all: [{ left: '{{trigger.Id}}', op: 'exists' }] } }],
    });
  const firedIds = async (recipe: PublishedRecipe) => {
    const runs = await listRuns(server, recipe.id);
    const details = await Promise.all(runs.map((run) => getRun(server, run.id)));
    // Runs one check starts share their creation time, so the list's order among them is not the firing order
    // (planPoll's unit tests cover that); compare which records fired, once each.
    return details.map((run) => (run.trigger as { Id: string }).Id).sort();
  };

  it('new record: seeds at the first check, fires once per new Lead, across a restart', async () => {
    const recipe = await publish('new-record');
    await poll(recipe);
    expect(await listRuns(server, recipe.id)).toHaveLength(0);
    const q = new URLSearchParams(fake.requestsTo('GET', `${apiRoot}/query`).at(-1)!.query).get('q')!;
    expect(q).toMatch(/^SELECT FIELDS\(ALL\) FROM Lead WHERE CreatedDate >= \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ORDER BY CreatedDate ASC, Id ASC LIMIT 200$/);

    const first = fake.insert('Lead', { LastName: 'One', Company: 'A' });
    const second = fake.insert('Lead', { LastName: 'Two', Company: 'B' });
    await poll(recipe);
    await waitForRuns(server, recipe.id, 2);
    await poll(recipe);
    expect(await firedIds(recipe)).toEqual([first.Id, second.Id].sort());

    await server.kill();
    const third = fake.insert('Lead', { LastName: 'Three', Company: 'C' });
    await server.start();
    await poll(recipe);
    await waitForRuns(server, recipe.id, 3);
    await poll(recipe);
    expect(await firedIds(recipe)).toEqual([first.Id, second.Id, third.Id].sort());
  });

  it('new or updated record: each change fires once', async () => {
    const recipe = await publish('updated-record');
    await poll(recipe);
    expect(await listRuns(server, recipe.id)).toHaveLength(0);
    const lead = fake.insert('Lead', { LastName: 'Changing', Company: 'D' });
    await poll(recipe);
    await waitForRuns(server, recipe.id, 1);
    await poll(recipe);
    expect(await listRuns(server, recipe.id)).toHaveLength(1);

    const answer = await server.api('POST', '/recipes/import', { name: 'edit', trigger: { use: 'core/manual' }, steps: [{ id: 'edit', use: 'salesforce/update-record', connection, input: { object: 'Lead', record_id: lead.Id, Company: 'E' } }] });
    const edited = await server.api<{ ok: boolean }>('POST', `/recipes/${(answer.body as { id: string }).id}/steps/edit/test`, { sample: {} });
    expect(edited.body.ok).toBe(true);
    await poll(recipe);
    await waitForRuns(server, recipe.id, 2);
    await poll(recipe);
    expect(await firedIds(recipe)).toEqual([lead.Id, lead.Id]);
    const q = new URLSearchParams(fake.requestsTo('GET', `${apiRoot}/query`).at(-1)!.query).get('q')!;
    expect(q).toMatch(/WHERE SystemModstamp >= \S+ ORDER BY SystemModstamp ASC, Id ASC LIMIT 200$/);
  });
});
