import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { adminToken, connectShopify, notificationsSecret } from './shopify-connection.js';
import { deliver, orderPayload } from './shopify-delivery.js';
import { ShopifyFake } from './shopify-fake.js';

const toteBag = 'gid://shopify/InventoryItem/43729076';
const warehouse = 'gid://shopify/Location/1';

/**
 * The pack's recipe, end to end on the fake: "an order over 100 → save its buyer as a tagged customer and take
 * one free tote bag from stock", started by a webhook the merchant added in the Shopify admin (signed with the
 * notifications key). Small orders stop at the filter, other topics are dropped, a retried delivery runs once,
 * and a THROTTLED answer is retried until Shopify takes the call.
 */
describe('Shopify recipe: reward big orders', () => {
  const own = useResources('all');
  let fake: ShopifyFake;
  let server: SwitchyardProcess;

  beforeAll(async () => {
    fake = own(await ShopifyFake.start([adminToken]));
    fake.store.inventory.set(`${toteBag} ${warehouse}`, { available: 20 });
    server = own(await SwitchyardProcess.launch());
  });

  it('tags the buyer and takes a tote bag from stock for each order over 100, once per delivery', async () => {
    const connection = (await connectShopify(server, fake)).id;
    const recipe = await publishRecipe(server, {
      name: 'Reward big orders',
      trigger: { use: 'shopify/webhook-event', connection, input: { topics: ['orders/create'] } },
      steps: [
        { id: 'big_order', use: 'core/filter', input: { all: [{ left: '{{trigger.total_price}}', op: 'gt', right: 100 }] } },
        {
          id: 'customer',
          use: 'shopify/create-customer',
          connection,
          input: { email: '{{trigger.customer.email}}', firstName: '{{trigger.customer.first_name}}', lastName: '{{trigger.customer.last_name}}', tags: 'big-spender, tote-bag', note: 'First big order: {{trigger.name}}' },
        },
        {
          id: 'tote',
          use: 'shopify/adjust-inventory',
          connection,
          input: { inventoryItemId: toteBag, locationId: warehouse, delta: -1, reason: 'promotion', referenceDocumentUri: '{{trigger.admin_graphql_api_id}}' },
        },
      ],
    });
    const send = (topic: string, payload: unknown, secret: string | null = notificationsSecret, id?: string) => deliver(server, recipe.hookPath, { topic, payload, secret, ...(id && { id }) });

    expect((await send('orders/create', orderPayload('#1001', '403.00'), 'not the key')).status).toBe(401);
    // The first customerCreate is THROTTLED; the step is tried again and goes through.
    fake.store.throttleNext = 1;
    const big = await send('orders/create', orderPayload('#1001', '403.00'));
    expect(big.body.runIds).toHaveLength(1);
    expect((await send('orders/create', orderPayload('#1001', '403.00'), notificationsSecret, big.id)).body).toMatchObject({ duplicates: 1 });
    const small = await send('orders/create', orderPayload('#1002', '99.99', 'sam@example.com'));
    expect(small.body.runIds).toHaveLength(1);
    expect((await send('products/create', { id: 1, title: 'Tote bag' })).body).toMatchObject({ runIds: [], filtered: 1 });

    const runs = await waitForRuns(server, recipe.id, 2, 60_000);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    const rewarded = await getRun(server, big.body.runIds![0]!);
    expect(rewarded.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(rewarded.steps[2]!.output).toMatchObject({ reason: 'promotion', referenceDocumentUri: 'gid://shopify/Order/1001', changes: [{ name: 'available', delta: -1 }] });

    expect(fake.graphqlCalls('customerCreate')).toHaveLength(2);
    expect(fake.store.customers).toMatchObject([{ email: 'jon@example.com', firstName: 'Jon', lastName: 'Snow', tags: ['big-spender', 'tote-bag'], note: 'First big order: #1001' }]);
    expect(fake.store.inventory.get(`${toteBag} ${warehouse}`)).toEqual({ available: 19 });
    expect(server.logTail(5000)).not.toContain(adminToken);
    expect(server.logTail(5000)).not.toContain(notificationsSecret);
  });
});
