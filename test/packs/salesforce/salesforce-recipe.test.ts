import { beforeAll, describe, expect, it } from 'vitest';
import { pollNow } from '../../support/poll-now.js';
import { getRun, listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectSalesforce } from './salesforce-connection.js';
import { apiRoot, SalesforceFake } from './salesforce-fake.js';

/**
 * The recipe a sales team writes first, end to end on the fake org through an OAuth connection: a new Lead
 * (poll) → only web leads (filter) → mark it "Working - Contacted" and tick opted-out (update record, its
 * fields being dynamic fields of Lead, one mapped from the trigger).
 */
describe('Salesforce new Lead → filter → update record', () => {
  const own = useResources('all');
  let fake: SalesforceFake;
  let server: SwitchyardProcess;
  let recipe: PublishedRecipe;

  beforeAll(async () => {
    fake = own(await SalesforceFake.start());
    server = own(await SwitchyardProcess.launch());
    const connection = (await connectSalesforce(server, fake)).id;
    recipe = await publishRecipe(server, {
      name: 'Work web leads',
      trigger: { use: 'salesforce/new-record', connection, input: { object: 'Lead' } },
      steps: [
        { id: 'web', use: 'core/filter', input: { all: [{ left: '{{trigger.LeadSource}}', op: 'eq', right: 'Web' }] } },
        {
          id: 'work',
          use: 'salesforce/update-record',
          connection,
          input: { object: 'Lead', record_id: '{{trigger.Id}}', Status: 'Working - Contacted', FirstName: '{{trigger.FirstName | upper}}', NumberOfEmployees: '{{trigger.NumberOfEmployees | plus: 1}}' },
        },
      ],
    });
  });

  async function poll(): Promise<void> {
    const lastPollAt = async () => (await server.api<{ state: { lastPollAt?: number } }>('GET', `/triggers/${recipe.trigger.id}/state`)).body.state.lastPollAt ?? 0;
    const before = await lastPollAt();
    pollNow(server.dataDir, recipe.id);
    await waitFor(async () => (await lastPollAt()) > before, { timeoutMs: 20_000, intervalMs: 100, what: 'the next check' });
  }

  it('updates the web lead only, with values typed by the describe answer', async () => {
    await poll();
    const web = fake.insert('Lead', { FirstName: 'Ada', LastName: 'Lovelace', Company: 'AE', LeadSource: 'Web', Status: 'Open - Not Contacted', NumberOfEmployees: 9 });
    const phone = fake.insert('Lead', { FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', LeadSource: 'Phone Inquiry', Status: 'Open - Not Contacted' });
    await poll();
    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);

    const patches = fake.requestsTo('PATCH', new RegExp(`^${apiRoot}/sobjects/Lead/`));
    expect(patches.map((request) => [request.path, request.json])).toEqual([[`${apiRoot}/sobjects/Lead/${web.Id}`, { Status: 'Working - Contacted', FirstName: 'ADA', NumberOfEmployees: 10 }]]);
    expect(web).toMatchObject({ Status: 'Working - Contacted', FirstName: 'ADA', NumberOfEmployees: 10 });
    expect(phone.Status).toBe('Open - Not Contacted');
    const details = await Promise.all((await listRuns(server, recipe.id)).map((run) => getRun(server, run.id)));
    expect(details.map((run) => run.steps.map((step) => `${step.path}:${step.status}`))).toContainEqual(['web:succeeded', 'work:succeeded']);
  });
});
