import { beforeAll, describe, expect, it } from 'vitest';
import { pollNow } from '../../support/poll-now.js';
import { listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectQuickbooks } from './quickbooks-connection.js';
import { QuickbooksFake } from './quickbooks-fake.js';

const line = (amount: number) => [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: '1' } } }];

/**
 * The poll triggers on the fake, end to end: "New invoice" → filter (at least 500) → "Send invoice". The
 * first check notes the time and asks for nothing older, later checks ask the query endpoint for invoices
 * created since the newest one seen, each new invoice starts one run, and a restart between checks neither
 * repeats nor misses one. "New customer" and "New payment" ask the same way for their entity.
 */
describe('QuickBooks new invoice (poll) → filter → send invoice', () => {
  const own = useResources('all');
  let fake: QuickbooksFake;
  let server: SwitchyardProcess;
  let connection: string;
  let customer: string;

  beforeAll(async () => {
    fake = own(await QuickbooksFake.start());
    customer = fake.add('Customer', { DisplayName: 'Ada Lovelace', PrimaryEmailAddr: { Address: 'ada@example.com' } }).Id;
    fake.add('Invoice', { CustomerRef: { value: customer }, Line: line(2000), TotalAmt: 2000, BillEmail: { Address: 'ada@example.com' } });
    server = own(await SwitchyardProcess.launch());
    connection = (await connectQuickbooks(server, fake)).id;
  });

  /** Makes the trigger due now and waits for that check to finish. */
  async function poll(recipe: PublishedRecipe): Promise<void> {
    const lastPollAt = async () => (await server.api<{ state: { lastPollAt?: number; lastError?: unknown } }>('GET', `/triggers/${recipe.trigger.id}/state`)).body.state;
    const before = (await lastPollAt()).lastPollAt ?? 0;
    pollNow(server.dataDir, recipe.id);
    const state = await waitFor(async () => {
      const now = await lastPollAt();
      return (now.lastPollAt ?? 0) > before ? now : undefined;
    }, { timeoutMs: 20_000, intervalMs: 100, what: 'the next check', describe: async () => `${JSON.stringify(await lastPollAt())}; QuickBooks saw ${fake.requests.map((request) => `${request.method} ${request.path}`).slice(-3).join(', ')}` });
    expect(state.lastError ?? null).toBeNull();
  }

  const lastQuery = () => Object.fromEntries(fake.requestsTo('GET', /\/query$/).at(-1)!.query);
  const sent = () => fake.requestsTo('POST', /\/invoice\/[^/]+\/send$/).map((request) => request.path.split('/')[5]);

  it('seeds at the first check, then sends each new invoice of 500 or more once, across a restart', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Email big invoices',
      trigger: { use: 'quickbooks/new-invoice', connection },
      steps: [
        { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.TotalAmt}}', op: 'gte', right: 500 }] } },
        { id: 'send', use: 'quickbooks/send-invoice', connection, input: { invoice_id: '{{trigger.Id}}' } },
      ],
    });
    await poll(recipe);
    expect(await listRuns(server, recipe.id)).toHaveLength(0);
    const seeded = /^select \* from Invoice where MetaData\.CreateTime >= '(.+)' orderby MetaData\.CreateTime maxresults 1000$/.exec(lastQuery()['query']!);
    expect(seeded).not.toBeNull();
    // Right after this check, in the same whole second QuickBooks stamps entities with: still asked for next time.
    const pollTime = (await server.api<{ state: { lastPollAt: number } }>('GET', `/triggers/${recipe.trigger.id}/state`)).body.state.lastPollAt;
    expect(Date.parse(seeded![1]!)).toBe(pollTime - 1000);
    expect(lastQuery()['minorversion']).toBe('75');

    const big = fake.add('Invoice', { CustomerRef: { value: customer }, Line: line(790), TotalAmt: 790, BillEmail: { Address: 'ada@example.com' } });
    fake.add('Invoice', { CustomerRef: { value: customer }, Line: line(120), TotalAmt: 120, BillEmail: { Address: 'ada@example.com' } });
    await poll(recipe);
    await waitForRuns(server, recipe.id, 2);
    expect(sent()).toEqual([big.Id]);
    // The next check asks again for the newest invoices seen (whole seconds, one second back); seeing them again starts nothing.
    await poll(recipe);
    const newest = Math.max(...fake.entities.get('Invoice')!.map((invoice) => Date.parse((invoice['MetaData'] as { CreateTime: string }).CreateTime)));
    const from = /MetaData\.CreateTime >= '([^']+)'/.exec(lastQuery()['query']!)![1]!;
    expect(Date.parse(from)).toBeLessThanOrEqual(newest);
    expect(await listRuns(server, recipe.id)).toHaveLength(2);

    await server.kill();
    const later = fake.add('Invoice', { CustomerRef: { value: customer }, Line: line(900), TotalAmt: 900, BillEmail: { Address: 'ada@example.com' } });
    await server.start();
    await poll(recipe);
    const runs = await waitForRuns(server, recipe.id, 3);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sent()).toEqual([big.Id, later.Id]);
    // A run's idempotency key is longer than QuickBooks' 50 characters; each send carries its own fitted requestid.
    const requestIds = fake.requestsTo('POST', /\/send$/).map((request) => Object.fromEntries(request.query)['requestid']!);
    expect(requestIds.every((id) => id.length <= 50)).toBe(true);
    expect(new Set(requestIds).size).toBe(2);
  });

  it.each([
    ['new-customer', 'Customer', { DisplayName: 'Grace Hopper' }],
    ['new-payment', 'Payment', { CustomerRef: { value: '57' }, TotalAmt: 790 }],
  ] as const)('%s asks for %s entities created since the last check and starts one run each', async (key, entity, fields) => {
    const recipe = await publishRecipe(server, { name: `On ${key}`, trigger: { use: `quickbooks/${key}`, connection }, steps: [{ id: 'note', use: 'core/filter', input: { all: [{ left: '{{trigger.Id}}', op: 'exists' }] } }] });
    await poll(recipe);
    expect(lastQuery()['query']).toMatch(new RegExp(`^select \\* from ${entity} where MetaData\\.CreateTime >= '`));
    const made = fake.add(entity, fields);
    await poll(recipe);
    const [run] = await waitForRuns(server, recipe.id, 1);
    const detail = await server.api<{ trigger: { Id: string } }>('GET', `/runs/${run!.id}`);
    expect(detail.body.trigger.Id).toBe(made.Id);
    await poll(recipe);
    expect(await listRuns(server, recipe.id)).toHaveLength(1);
  });
});
