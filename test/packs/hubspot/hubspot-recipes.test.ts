import { beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../support/inspect-db.js';
import { sdkRequests } from '../../support/pack-step-harness.js';
import { pollNow } from '../../support/poll-now.js';
import { getRun, listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectHubspot, expectSameRequest, hubspotRefusal, hubspotSdk } from './hubspot-connection.js';
import { deliver, hubspotEvent } from './hubspot-delivery.js';
import { HubspotFake } from './hubspot-fake.js';

interface TriggerState {
  state: { seeded?: boolean; cursor?: string; seenCount: number; lastPollAt?: number; lastError: { message: string } | null };
}

/**
 * The pack's recipes end to end on the HubSpot fake, through a real server:
 * - "new deal (poll) → amount over 1,000 → note on the deal": the first poll only notes the time, later polls
 *   search from a minute before the newest creation time seen (ms in the body filter, oldest first), each new deal runs once,
 *   a restart neither repeats nor misses one, and small deals stop at the filter;
 * - "contact updated (poll)": a contact fires again for each change, not for a re-listed one;
 * - "new contact (poll)": one the search lists late (after a newer one) still runs, once;
 * - "webhook contact.creation → update the contact": signed per HubSpot's v3 rules (checked by the SDK's
 *   Signature.isValid), each event of a batch a run, a retried event one run, other types filtered, a bad or
 *   missing signature 401 with nothing stored.
 */
describe('HubSpot recipes', () => {
  const own = useResources('all');
  let fake: HubspotFake;
  let server: SwitchyardProcess;
  let connection: string;

  beforeAll(async () => {
    fake = own(await HubspotFake.start());
    fake.add('deals', { dealname: 'Old deal', amount: '50000' });
    server = own(await SwitchyardProcess.launch());
    connection = (await connectHubspot(server, fake)).id;
  });

  async function triggerState(triggerId: string): Promise<TriggerState['state']> {
    const answer = await server.api<TriggerState>('GET', `/triggers/${triggerId}/state`);
    expect(answer.status).toBe(200);
    return answer.body.state;
  }

  /** Makes the trigger due, waits for that poll to finish, answers the trigger's state after it. */
  async function poll(recipe: { id: string; trigger: { id: string } }): Promise<TriggerState['state']> {
    const before = (await triggerState(recipe.trigger.id)).lastPollAt ?? 0;
    pollNow(server.dataDir, recipe.id);
    return waitFor(
      async () => {
        const state = await triggerState(recipe.trigger.id);
        return (state.lastPollAt ?? 0) > before ? state : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, what: 'the next poll' },
    );
  }

  it('new deal (poll) → amount over 1,000 → note on the deal: once each, across a restart', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Note big deals',
      trigger: { use: 'hubspot/new-deal', connection },
      steps: [
        { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.properties.amount}}', op: 'gt', right: 1000 }] } },
        {
          id: 'note',
          use: 'hubspot/add-note',
          connection,
          input: { record_type: '214', record_id: '{{trigger.id}}', body: 'Big deal: {{trigger.properties.dealname}} ({{trigger.properties.amount}})', timestamp: '{{trigger.properties.createdate}}' },
        },
      ],
    });
    const seeded = await poll(recipe);
    // The deal made in beforeAll is within the lag minute: the seeding poll lists it, notes it, and it never runs.
    expect(seeded).toMatchObject({ seeded: true, seenCount: 1, lastError: null });
    const seedingSearch = fake.requestsTo('POST', '/crm/v3/objects/deals/search')[0]!;
    const filter = (seedingSearch.json as { filterGroups: { filters: { value: string }[] }[] }).filterGroups[0]!.filters[0]!;
    expect(filter).toMatchObject({ propertyName: 'createdate', operator: 'GTE', value: expect.stringMatching(/^\d{13}$/) });
    // A minute before the time the seeding poll stored, for records HubSpot's search index shows late.
    expect(Number(filter.value)).toBe(Date.parse(seeded.cursor!) - 60_000);
    // The SDK asks the same search for the same cursor.
    const [sdkSearch] = await sdkRequests(fake, () =>
      hubspotSdk(fake).crm.deals.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'createdate', operator: 'GTE', value: filter.value }] }],
        sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
        properties: ['dealname', 'amount', 'pipeline', 'dealstage', 'closedate', 'hubspot_owner_id', 'createdate', 'hs_lastmodifieddate'],
        limit: 100,
      } as never),
      hubspotRefusal,
    );
    expectSameRequest(seedingSearch, sdkSearch!);

    const big = fake.add('deals', { dealname: 'Engine No. 3', amount: '25000' });
    fake.add('deals', { dealname: 'Spare gear', amount: '300' });
    await poll(recipe);
    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    const stepStatuses = await Promise.all(runs.map(async (run) => (await getRun(server, run.id)).steps.map((step) => step.status)));
    expect(stepStatuses.sort()).toEqual([['succeeded', 'skipped'], ['succeeded', 'succeeded']].sort());
    const notes = fake.requestsTo('POST', '/crm/v3/objects/notes').map((request) => request.json);
    expect(notes).toEqual([
      {
        properties: { hs_note_body: 'Big deal: Engine No. 3 (25000)', hs_timestamp: big.properties['createdate'] },
        associations: [{ to: { id: big.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }],
      },
    ]);

    await server.restart();
    const again = await poll(recipe);
    expect(again.lastError).toBeNull();
    const later = fake.add('deals', { dealname: 'Engine No. 4', amount: '9000' });
    await poll(recipe);
    await waitForRuns(server, recipe.id, 3);
    expect(fake.requestsTo('POST', '/crm/v3/objects/notes').map((request) => (request.json as { associations: { to: { id: string } }[] }).associations[0]!.to.id)).toEqual([big.id, later.id]);
    expect(await listRuns(server, recipe.id)).toHaveLength(3);
  });

  it('updated contact (poll) fires once per change of a contact', async () => {
    const ada = fake.add('contacts', { email: 'ada@example.com', firstname: 'Ada' });
    const recipe = await publishRecipe(server, { name: 'Watch contacts', trigger: { use: 'hubspot/updated-contact', connection }, steps: [] });
    await poll(recipe);
    fake.touch('contacts', ada.id, { jobtitle: 'Analyst' });
    await poll(recipe);
    await poll(recipe);
    fake.touch('contacts', ada.id, { jobtitle: 'Engineer' });
    await poll(recipe);
    const runs = await waitForRuns(server, recipe.id, 2);
    const titles = await Promise.all(runs.map(async (run) => ((await getRun(server, run.id)).trigger as { properties: { jobtitle: string } }).properties.jobtitle));
    expect(titles.sort()).toEqual(['Analyst', 'Engineer']);
  });

  it('new contact (poll): a contact the search index lists late still runs once', async () => {
    const recipe = await publishRecipe(server, { name: 'Welcome contacts', trigger: { use: 'hubspot/new-contact', connection }, steps: [] });
    await poll(recipe);
    const late = fake.add('contacts', { email: 'late@example.com' });
    fake.unindexed.add(late.id);
    const prompt = fake.add('contacts', { email: 'prompt@example.com' });
    await poll(recipe);
    await waitForRuns(server, recipe.id, 1);
    fake.unindexed.delete(late.id);
    await poll(recipe);
    await poll(recipe);
    const runs = await waitForRuns(server, recipe.id, 2);
    const ids = await Promise.all(runs.map(async (run) => ((await getRun(server, run.id)).trigger as { id: string }).id));
    expect(ids.sort()).toEqual([late.id, prompt.id].sort());
    expect(await listRuns(server, recipe.id)).toHaveLength(2);
  });

  it('webhook contact.creation → update the contact, verified, deduplicated and filtered', async () => {
    const grace = fake.add('contacts', { email: 'grace@example.com' });
    const alan = fake.add('contacts', { email: 'alan@example.com' });
    const recipe = await publishRecipe(server, {
      name: 'Mark new contacts as leads',
      trigger: { use: 'hubspot/webhook-event', connection, input: { subscription_types: ['contact.creation'] } },
      steps: [{ id: 'lead', use: 'hubspot/update-contact', connection, input: { record_id: '{{trigger.objectId}}', lifecyclestage: 'lead' } }],
    });
    const url = recipe.trigger.webhookUrl!;
    const secret = fake.oauthApp.clientSecret;
    const created = hubspotEvent('contact.creation', grace.id);
    const changed = hubspotEvent('contact.propertyChange', alan.id, { propertyName: 'email', propertyValue: 'alan@example.com' });

    for (const bad of ['not the client secret', null]) {
      const refused = await deliver(url, [created], bad);
      expect(refused.status).toBe(401);
      expect(refused.body.error?.code).toBe('SIGNATURE_INVALID');
    }
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', recipe.trigger.id)).toBe(0);

    const batch = await deliver(url, [created, changed, hubspotEvent('contact.creation', alan.id)], secret);
    expect(batch).toMatchObject({ status: 200, body: { filtered: 1 } });
    expect(batch.body.runIds).toHaveLength(2);
    // HubSpot retries a delivery it thinks failed: the same events, a new signature.
    expect((await deliver(url, [{ ...created, attemptNumber: 1 }], secret)).body).toMatchObject({ runIds: [], duplicates: 1 });

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    const updates = fake.requestsTo('PATCH', /^\/crm\/v3\/objects\/contacts\//);
    expect(updates.map((request) => [request.path, request.json]).sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual([
      [`/crm/v3/objects/contacts/${grace.id}`, { properties: { lifecyclestage: 'lead' } }],
      [`/crm/v3/objects/contacts/${alan.id}`, { properties: { lifecyclestage: 'lead' } }],
    ]);
    expect(server.logTail(5000)).not.toContain(secret);
    expect(server.logTail(5000)).not.toContain(fake.privateToken);
  });
});
