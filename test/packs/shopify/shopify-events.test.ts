import type { AdminApiClient } from '@shopify/admin-api-client';
import type { Shopify } from '@shopify/shopify-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { webhookSubscriptionCreate, webhookSubscriptionDelete } from '../../../connectors/src/packs/shopify/shopify-graphql.js';
import { sdkRequests } from '../../support/pack-step-harness.js';
import { listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { adminToken, connectShopify, expectSameRequest, graphqlSdk, notificationsSecret, shopifySdk } from './shopify-connection.js';
import { deliver, orderPayload, sdkAccepts } from './shopify-delivery.js';
import { ShopifyFake } from './shopify-fake.js';

/**
 * The "Store event" subscription across publish and unpublish, and connecting through Shopify OAuth. Publishing
 * subscribes with webhookSubscriptionCreate (our hook URL as `uri`, the topic as its enum) as
 * `@shopify/admin-api-client` sends it; deliveries signed with the app's client secret (which
 * `@shopify/shopify-api`'s webhooks.validate accepts) start one run per X-Shopify-Webhook-Id, bad or missing
 * signatures are 401 with nothing stored, and unpublishing deletes the subscription by its id.
 */
describe('Shopify store events and OAuth', () => {
  const own = useResources('all');
  let fake: ShopifyFake;
  let server: SwitchyardProcess;
  let sdk: AdminApiClient;
  let api: Shopify;
  let connection: string;

  beforeAll(async () => {
    fake = own(await ShopifyFake.start([adminToken]));
    server = own(await SwitchyardProcess.launch());
    sdk = graphqlSdk(fake);
    api = shopifySdk(fake).api;
    connection = (await connectShopify(server, fake)).id;
  });

  it('subscribes on publish, verifies and dedupes deliveries, and unsubscribes on unpublish', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Tag the customer of every new order',
      trigger: { use: 'shopify/store-event', connection, input: { topic: 'orders/create' } },
      steps: [{ id: 'customer', use: 'shopify/create-customer', connection, input: { email: '{{trigger.email}}', note: 'First order {{trigger.name}} ({{trigger.headers.x-shopify-topic}})' } }],
    });

    const [created] = fake.graphqlCalls('webhookSubscriptionCreate');
    const variables = { topic: 'ORDERS_CREATE', webhookSubscription: { uri: `${server.baseUrl}${recipe.hookPath}`, format: 'JSON' } };
    expect(created!.json).toEqual({ query: webhookSubscriptionCreate, variables });
    const subscriptionId = [...fake.store.subscriptions.keys()][0]!;
    // The SDK's same request (Shopify answers it with "Address for this topic has already been taken").
    const [theirs] = await sdkRequests(fake, () => sdk.request(webhookSubscriptionCreate, { variables }));
    expectSameRequest(created!, theirs!);
    expect(fake.store.subscriptions.size).toBe(1);

    // Shopify signs these with the app's client secret; the SDK agrees our test signature is Shopify's.
    const order = { topic: 'orders/create', payload: orderPayload('#1001', '25.00', 'ada@example.com'), secret: fake.app.clientSecret };
    expect(await sdkAccepts(api, order)).toBe(true);
    const first = await deliver(server, recipe.hookPath, order);
    expect(first.status).toBe(200);
    expect(first.body.runIds).toHaveLength(1);
    // Shopify retries with the same X-Shopify-Webhook-Id: one run.
    expect((await deliver(server, recipe.hookPath, { ...order, id: first.id })).body).toMatchObject({ runIds: [], duplicates: 1 });
    // Signed with another secret (the notifications key), or not at all: 401, and the SDK refuses it too.
    for (const secret of [notificationsSecret, null]) {
      const bad = { ...order, payload: orderPayload('#1002', '25.00'), secret };
      if (secret !== null) expect(await sdkAccepts(api, bad)).toBe(false);
      const refused = await deliver(server, recipe.hookPath, bad);
      expect(refused.status).toBe(401);
      expect(refused.body.error?.code).toBe('SIGNATURE_INVALID');
    }

    const runs = await waitForRuns(server, recipe.id, 1);
    expect(runs.map((run) => run.status)).toEqual(['succeeded']);
    expect(fake.store.customers).toMatchObject([{ email: 'ada@example.com', note: 'First order #1001 (orders/create)' }]);

    expect((await server.api('POST', `/recipes/${recipe.id}/unpublish`, {})).status).toBe(200);
    const deleted = await waitFor(() => fake.graphqlCalls('webhookSubscriptionDelete')[0], { timeoutMs: 10_000, what: 'the subscription to be deleted' });
    expect(deleted.json).toEqual({ query: webhookSubscriptionDelete, variables: { id: subscriptionId } });
    const [sdkDelete] = await sdkRequests(fake, () => sdk.request(webhookSubscriptionDelete, { variables: { id: subscriptionId } }));
    expectSameRequest(deleted, sdkDelete!);
    expect(fake.store.subscriptions.has(subscriptionId)).toBe(false);
    expect(await listRuns(server, recipe.id)).toHaveLength(1);
  });

  it("says why unsubscribing failed when the merchant deleted the subscription first, and still unpublishes", async () => {
    const recipe = await publishRecipe(server, {
      name: 'Watch products',
      trigger: { use: 'shopify/store-event', connection, input: { topic: 'products/update' } },
      steps: [{ id: 'find', use: 'shopify/find-orders', connection, input: { by: 'name', value: '#1' } }],
    });
    const [id, subscription] = [...fake.store.subscriptions.entries()].find(([, value]) => value.topic === 'PRODUCTS_UPDATE')!;
    expect(subscription.uri).toBe(`${server.baseUrl}${recipe.hookPath}`);
    fake.store.subscriptions.delete(id);
    expect((await server.api('POST', `/recipes/${recipe.id}/unpublish`, {})).status).toBe(200);
    await waitFor(() => fake.graphqlCalls('webhookSubscriptionDelete').find((call) => (call.json as { variables: { id: string } }).variables.id === id), { timeoutMs: 10_000, what: 'the delete call' });
    const state = await waitFor(
      async () => {
        const answer = await server.api<{ state: { lastError: { message: string } | null } }>('GET', `/triggers/${recipe.trigger.id}/state`);
        return answer.body.state.lastError ?? undefined;
      },
      { timeoutMs: 10_000, what: 'the refusal recorded in the trigger state' },
    );
    expect(state.message).toBe(`unsubscribing ${id} failed: Shopify refused the request: Webhook subscription does not exist`);
  });

  it('connects through OAuth: comma-separated scopes, Shopify\'s signed callback checked, the token sent as X-Shopify-Access-Token', async () => {
    const { clientId, clientSecret, token } = fake.app;
    const created = await server.api<{ connection: { id: string } }>('POST', '/connections', {
      packId: 'shopify',
      name: 'Shopify (OAuth app)',
      fields: { shop: 'my-store', admin_url: fake.url, client_id: clientId, client_secret: clientSecret },
    });
    expect(created.status).toBe(201);
    const id = created.body.connection.id;
    const authorizeUrl = async () => new URL((await server.api<{ authorizeUrl: string }>('POST', `/connections/${id}/oauth/start`, {})).body.authorizeUrl);
    const callbackOf = async (authorize: URL) => new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!);

    // A callback whose signed parameters were changed (another shop) is refused before any code exchange.
    const forged = await callbackOf(await authorizeUrl());
    forged.searchParams.set('shop', 'evil-store.myshopify.com');
    expect(await api.utils.validateHmac(Object.fromEntries(forged.searchParams))).toBe(false);
    const refused = await fetch(forged);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('does not match the client secret');
    expect(fake.requests.filter((request) => request.path === '/admin/oauth/access_token')).toHaveLength(0);

    const authorize = await authorizeUrl();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/admin/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: clientId,
      scope: 'read_products,write_products,read_orders,read_customers,write_customers,read_inventory,write_inventory,read_locations',
      state: expect.any(String),
    });
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    const callback = await callbackOf(authorize);
    expect(await api.utils.validateHmac(Object.fromEntries(callback.searchParams))).toBe(true);
    const done = await fetch(callback);
    expect(done.status).toBe(200);

    const [exchange] = fake.requests.filter((request) => request.path === '/admin/oauth/access_token');
    expect(Object.fromEntries(new URLSearchParams(exchange!.body))).toMatchObject({ client_id: clientId, client_secret: clientSecret, code: callback.searchParams.get('code') });
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    expect(fake.requests.slice(before).map((request) => [request.path, request.headers['x-shopify-access-token'], request.headers['authorization']])).toEqual([
      ['/admin/api/2025-10/shop.json', token, undefined],
    ]);
    expect(server.logTail(5000)).not.toContain(clientSecret);
    expect(server.logTail(5000)).not.toContain(token);
  });
});
