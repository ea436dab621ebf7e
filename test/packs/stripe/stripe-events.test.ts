import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { Sink } from '../../support/sink.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectStripe, pinnedApiVersion, secretKey, stripeSdk } from './stripe-connection.js';
import { StripeFake } from './stripe-fake.js';

const webhookSecret = 'whsec_test_8d1f0c2b7a6e4f35b9c1d2e3f4a5b6c7';

/**
 * Stripe events start recipes: through an endpoint the user adds (the webhook trigger, signing secret on the
 * connection) and through one Switchyard creates on publish and deletes on unpublish (the subscription
 * trigger, signing secret captured from Stripe's answer). Deliveries are signed by the stripe SDK.
 */
describe('Stripe events', () => {
  const own = useResources('all');
  let fake: StripeFake;
  let server: SwitchyardProcess;
  let sink: Sink;
  let sdk: Stripe;
  let connection: string;

  beforeAll(async () => {
    fake = own(await StripeFake.start(secretKey));
    sink = own(await Sink.start());
    server = own(await SwitchyardProcess.launch());
    sdk = stripeSdk(fake, await pinnedApiVersion(server));
    connection = await connectStripe(server, fake, { webhook_secret: webhookSecret });
  });

  it('verifies the Stripe-Signature of a webhook the user added, filters event types and dedupes on the event id', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Stripe payments to the sink',
      trigger: { use: 'stripe/event', connection, input: { event_types: ['payment_intent.succeeded', 'charge.refunded'] } },
      steps: [{ id: 'post', use: 'core/http', input: { method: 'POST', url: `${sink.url}/payments`, json: { event: '{{trigger.id}}', amount: '{{trigger.data.object.amount}}' } } }],
    });
    const post = async (payload: string, signature: string | undefined) => {
      const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...(signature !== undefined && { 'stripe-signature': signature }) },
        body: payload,
      });
      return { status: answer.status, body: (await answer.json()) as { runIds?: string[]; duplicates?: number; filtered?: number } };
    };
    const sign = (payload: string, secret = webhookSecret) => sdk.webhooks.generateTestHeaderString({ payload, secret });

    const paid = JSON.stringify(fake.event('payment_intent.succeeded', fake.addPaymentIntent({ amount: 4200 })));
    const refused = [
      await post(paid, undefined),
      await post(paid, sign(paid, 'whsec_someone_else')),
      await post(paid.replace('4200', '9999'), sign(paid)),
      await post(paid, sdk.webhooks.generateTestHeaderString({ payload: paid, secret: webhookSecret, timestamp: Math.floor(Date.now() / 1000) - 3600 })),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    expect(await listRuns(server, recipe.id)).toHaveLength(0);

    const accepted = await post(paid, sign(paid));
    expect(accepted.status).toBe(200);
    expect(accepted.body.runIds).toHaveLength(1);
    // Stripe retries with the same event and a fresh signature: one run.
    expect((await post(paid, sign(paid))).body).toMatchObject({ runIds: [], duplicates: 1 });
    const other = JSON.stringify(fake.event('customer.created', { id: 'cus_x', object: 'customer' }));
    expect((await post(other, sign(other))).body).toMatchObject({ runIds: [], filtered: 1 });

    const runs = await waitForRuns(server, recipe.id, 1);
    expect(runs.map((run) => run.status)).toEqual(['succeeded']);
    expect(sink.requestsTo('/payments').map((request) => request.json)).toEqual([{ event: JSON.parse(paid).id, amount: 4200 }]);
    expect(server.logTail(5000)).not.toContain(webhookSecret);
    await server.api('POST', `/recipes/${recipe.id}/unpublish`, {});
  });

  it('recipe: payment_intent.succeeded → amount ≥ 5000 → Stripe invoice item, on an endpoint Switchyard manages', async () => {
    const customer = await sdk.customers.create({ email: 'grace@example.com', name: 'Grace Hopper' });
    const recipe = await publishRecipe(server, {
      name: 'Loyalty credit for big payments',
      trigger: { use: 'stripe/new-event', connection, input: { event_types: ['payment_intent.succeeded'] } },
      steps: [
        { id: 'big', use: 'core/filter', input: { all: [{ left: '{{trigger.data.object.amount}}', op: 'gte', right: 5000 }] } },
        {
          id: 'credit',
          use: 'stripe/create-invoice-item',
          connection,
          input: {
            customer: '{{trigger.data.object.customer}}',
            amount: -500,
            currency: '{{trigger.data.object.currency}}',
            description: 'Loyalty credit for {{trigger.data.object.id}}',
            metadata: { payment_intent: '{{trigger.data.object.id}}' },
          },
        },
      ],
    });

    // Publishing created one endpoint, with the request the SDK makes for the same endpoint.
    const [subscribe] = fake.requestsTo('/v1/webhook_endpoints', 'POST');
    const endpoints = [...fake.state.webhookEndpoints.values()];
    expect(endpoints).toHaveLength(1);
    const hookUrl = `${server.baseUrl}${recipe.hookPath}`;
    const params = { url: hookUrl, enabled_events: ['payment_intent.succeeded' as const], api_version: String(subscribe!.headers['stripe-version']), description: 'Switchyard recipe trigger' };
    const oracle = await sdk.webhookEndpoints.create(params as Stripe.WebhookEndpointCreateParams);
    const theirs = fake.requestsTo('/v1/webhook_endpoints', 'POST').at(-1)!;
    expect(subscribe!.body).toEqual(theirs.body);
    expect(subscribe!.body).toEqual(params);
    expect(subscribe!.headers['authorization']).toBe(theirs.headers['authorization']);
    await sdk.webhookEndpoints.del(oracle.id);
    const endpointId = String(endpoints[0]!['id']);

    const big = fake.addPaymentIntent({ amount: 7500, customer: customer.id, currency: 'eur' });
    const small = fake.addPaymentIntent({ amount: 1200, customer: customer.id, currency: 'eur' });
    const bigEvent = fake.event('payment_intent.succeeded', big);
    expect(await fake.emit(bigEvent)).toEqual([{ endpoint: endpointId, status: 200 }]);
    expect(await fake.emit(fake.event('payment_intent.succeeded', small))).toEqual([{ endpoint: endpointId, status: 200 }]);
    // A retry of the same event, and a delivery signed with a secret Stripe never gave us.
    expect(await fake.emit(bigEvent)).toEqual([{ endpoint: endpointId, status: 200 }]);
    const forged = JSON.stringify(fake.event('payment_intent.succeeded', big));
    const refused = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': sdk.webhooks.generateTestHeaderString({ payload: forged, secret: webhookSecret }) }, body: forged });
    expect(refused.status).toBe(401);

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    const credits = fake.requestsTo('/v1/invoiceitems', 'POST');
    expect(credits).toHaveLength(1);
    expect(credits[0]!.body).toEqual({ customer: customer.id, amount: '-500', currency: 'eur', description: `Loyalty credit for ${String(big['id'])}`, metadata: { payment_intent: big['id'] } });
    expect(credits[0]!.headers['idempotency-key']).toMatch(/\S{8,}/);
    const creditRun = await Promise.all(runs.map((run) => getRun(server, run.id)));
    const withCredit = creditRun.find((run) => run.steps.some((step) => step.stepId === 'credit' && step.status === 'succeeded'));
    expect(withCredit?.steps.find((step) => step.stepId === 'credit')?.output).toMatchObject({ object: 'invoiceitem', amount: -500, customer: customer.id });

    // After a restart the endpoint's stored secret still verifies deliveries, and nothing is subscribed again.
    await server.restart('SIGTERM');
    const later = fake.addPaymentIntent({ amount: 9000, customer: customer.id, currency: 'eur' });
    expect(await fake.emit(fake.event('payment_intent.succeeded', later))).toEqual([{ endpoint: endpointId, status: 200 }]);
    const afterRestart = await waitForRuns(server, recipe.id, 3);
    expect(afterRestart.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(fake.requestsTo('/v1/invoiceitems', 'POST').map((request) => request.body['description'])).toEqual([
      `Loyalty credit for ${String(big['id'])}`,
      `Loyalty credit for ${String(later['id'])}`,
    ]);
    // Ours and the SDK's oracle request.
    expect(fake.requestsTo('/v1/webhook_endpoints', 'POST')).toHaveLength(2);

    // Unpublishing deletes the endpoint at Stripe.
    const unpublished = await server.api('POST', `/recipes/${recipe.id}/unpublish`, {});
    expect(unpublished.status).toBe(200);
    expect(fake.requestsTo(`/v1/webhook_endpoints/${endpointId}`, 'DELETE')).toHaveLength(1);
    expect(fake.state.webhookEndpoints.size).toBe(0);
    expect(server.logTail(5000)).not.toContain(String(endpoints[0]!['secret']));
  });
});
