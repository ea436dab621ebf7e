import type { AdminApiClient } from '@shopify/admin-api-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { productCreate, productUpdate, customerCreate, ordersSearch, inventoryAdjustQuantities } from '../../../connectors/src/packs/shopify/shopify-graphql.js';
import { PackStepHarness, sdkRequest, type StepTest } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { adminToken, connectShopify, expectSameRequest, graphqlSdk, shopifySdk } from './shopify-connection.js';
import { ShopifyFake, type ShopifyRequest } from './shopify-fake.js';

const item = 'gid://shopify/InventoryItem/30322695';
const warehouse = 'gid://shopify/Location/1';

/**
 * Every Shopify action run through Switchyard (the builder's "test step") against the fake, and the same
 * operation sent by `@shopify/admin-api-client` (the official GraphQL client) to the same fake: method, path,
 * the document and variables, and the token header must agree. The connection test is compared with
 * `@shopify/shopify-api`'s REST client. Also: the location choices, a refused token, and userErrors,
 * top-level errors and THROTTLED as sentences.
 */
describe('Shopify actions match the official clients', () => {
  const own = useResources('all');
  let fake: ShopifyFake;
  let server: SwitchyardProcess;
  let sdk: AdminApiClient;
  let connection: string;
  let harness: PackStepHarness<ShopifyRequest, unknown, keyof typeof steps>;

  const steps = {
    product: { use: 'shopify/create-product', input: { title: 'Sleek Cotton Shirt', descriptionHtml: '<p>Soft</p>', vendor: 'Acme', productType: 'Shirts', tags: 'cotton, summer', status: 'DRAFT' } },
    update: { use: 'shopify/update-product', input: { id: '{{steps.product.output.id}}', title: 'Sleek Linen Shirt', status: 'ACTIVE' } },
    blank_title: { use: 'shopify/create-product', input: { title: ' ' } },
    missing_product: { use: 'shopify/update-product', input: { id: 'gid://shopify/Product/1', vendor: 'Acme' } },
    customer: { use: 'shopify/create-customer', input: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+16135550135', tags: 'vip', note: 'Trade fair' } },
    customer_again: { use: 'shopify/create-customer', input: { email: 'ada@example.com' } },
    by_name: { use: 'shopify/find-orders', input: { by: 'name', value: '#1002' } },
    by_email: { use: 'shopify/find-orders', input: { by: 'email', value: 'o"brien@example.com', limit: 5 } },
    inventory: { use: 'shopify/adjust-inventory', input: { inventoryItemId: item, locationId: warehouse, delta: -2, reason: 'shrinkage', name: 'available', referenceDocumentUri: 'gid://shopify/Order/1002' } },
    inventory_elsewhere: { use: 'shopify/adjust-inventory', input: { inventoryItemId: item, locationId: 'gid://shopify/Location/2', delta: 5 } },
  };

  beforeAll(async () => {
    fake = own(await ShopifyFake.start([adminToken]));
    fake.store.orders.push(
      { id: 'gid://shopify/Order/1001', name: '#1001', email: 'ada@example.com' },
      { id: 'gid://shopify/Order/1002', name: '#1002', email: 'o"brien@example.com' },
      { id: 'gid://shopify/Order/1003', name: '#1003', email: 'o"brien@example.com' },
    );
    fake.store.inventory.set(`${item} ${warehouse}`, { available: 10 });
    server = own(await SwitchyardProcess.launch());
    sdk = graphqlSdk(fake);
    const connected = await connectShopify(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
    harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every Shopify action', connection, steps, compare: expectSameRequest });
  });

  /** Runs our step, then the SDK's GraphQL request for the same document and variables; one request each, alike. */
  async function expectLikeSdk(stepId: keyof typeof steps, query: string, variables: Record<string, unknown>): Promise<StepTest<unknown>> {
    const { result, requests } = await harness.runStep(stepId);
    expect(requests).toHaveLength(1);
    expectSameRequest(requests[0]!, await sdkRequest(fake, () => sdk.request(query, { variables })));
    return result;
  }

  it('checks the connection with GET shop.json as the REST client sends it, and refuses a wrong token with its sentence', async () => {
    const ours = fake.requests.find((request) => request.path.endsWith('/shop.json'))!;
    const [theirs] = await harness.sdkRequests(() => shopifySdk(fake).rest.get({ path: 'shop' }));
    expect(ours.path).toBe('/admin/api/2025-10/shop.json');
    expectSameRequest(ours, theirs!);
    const refused = await connectShopify(server, fake, 'shpat_wrong');
    expect(refused).toMatchObject({
      status: 422,
      message: expect.stringContaining('Shopify refused the access token ([API] Invalid API key or access token (unrecognized login or wrong password))'),
    });
  });

  it('refuses a shop that is not a myshopify.com store name, and keeps nothing', async () => {
    const created = await server.api<{ error: { details?: { path: string; message: string }[] } }>('POST', '/connections', {
      packId: 'shopify',
      name: 'Elsewhere',
      fields: { shop: 'evil.example/admin' },
      token: adminToken,
    });
    expect(created.status).toBe(422);
    expect(JSON.stringify(created.body)).toContain('the part before .myshopify.com');
  });

  it('creates and updates a product with productCreate / productUpdate', async () => {
    const product = { title: 'Sleek Cotton Shirt', descriptionHtml: '<p>Soft</p>', vendor: 'Acme', productType: 'Shirts', tags: ['cotton', 'summer'], status: 'DRAFT' };
    const created = await expectLikeSdk('product', productCreate, { product });
    expect(created.output).toMatchObject({ id: expect.stringMatching(/^gid:\/\/shopify\/Product\/\d+$/), ...product });
    const id = (created.output as { id: string }).id;
    // Fields left empty are not sent, so productUpdate does not clear them.
    const updated = await expectLikeSdk('update', productUpdate, { product: { id, title: 'Sleek Linen Shirt', status: 'ACTIVE' } });
    expect(updated.output).toMatchObject({ id, title: 'Sleek Linen Shirt', vendor: 'Acme', status: 'ACTIVE' });
  });

  it("says what a mutation's userErrors say", async () => {
    expect((await harness.runStep('blank_title')).result.error).toMatchObject({ code: 'VENDOR_REFUSED', message: "Shopify refused the request: Title can't be blank" });
    expect((await harness.runStep('missing_product')).result.error?.message).toBe('Shopify refused the request: Product does not exist');
  });

  it('creates a customer, and explains an email that is taken', async () => {
    const input = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: '+16135550135', tags: ['vip'], note: 'Trade fair' };
    const customer = await expectLikeSdk('customer', customerCreate, { input });
    expect(customer.output).toMatchObject(input);
    expect((await harness.runStep('customer_again')).result.error?.message).toBe('Shopify refused the request: Email has already been taken');
  });

  it('finds orders by name and by email, the value quoted as one search term', async () => {
    const byName = await expectLikeSdk('by_name', ordersSearch, { query: 'name:"#1002"', first: 10 });
    expect(byName.output).toEqual([{ id: 'gid://shopify/Order/1002', name: '#1002', email: 'o"brien@example.com' }]);
    const byEmail = await expectLikeSdk('by_email', ordersSearch, { query: 'email:"o\\"brien@example.com"', first: 5 });
    expect((byEmail.output as { name: string }[]).map((order) => order.name)).toEqual(['#1003', '#1002']);
  });

  it('offers the locations, adjusts inventory with a reason, and explains an item not stocked there', async () => {
    const choices = await server.api<{ choices: unknown[] }>('POST', '/packs/shopify/actions/adjust-inventory/fields/locationId/choices', { connection });
    expect(choices.body.choices).toEqual([{ label: 'Main warehouse', value: warehouse }, { label: 'Shop floor', value: 'gid://shopify/Location/2' }]);
    const input = { reason: 'shrinkage', name: 'available', referenceDocumentUri: 'gid://shopify/Order/1002', changes: [{ inventoryItemId: item, locationId: warehouse, delta: -2 }] };
    const adjusted = await expectLikeSdk('inventory', inventoryAdjustQuantities, { input });
    expect(adjusted.output).toMatchObject({ reason: 'shrinkage', changes: [{ name: 'available', delta: -2 }] });
    // Ours and the SDK's: 10 - 2 - 2.
    expect(fake.store.inventory.get(`${item} ${warehouse}`)).toEqual({ available: 6 });
    expect((await harness.runStep('inventory_elsewhere')).result.error?.message).toBe('Shopify refused the request: The specified inventory item could not be found at this location.');
  });

  it('reads a THROTTLED answer as retryable, with a sentence', async () => {
    fake.store.throttleNext = 1;
    const { result } = await harness.runStep('by_name');
    expect(result.error).toMatchObject({ code: 'VENDOR_REFUSED', message: "Shopify refused the request: Shopify is throttling this app (the query cost is over the shop's limit); the step is tried again shortly." });
  });
});
